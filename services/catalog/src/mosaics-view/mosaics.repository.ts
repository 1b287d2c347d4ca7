import { Inject, Injectable } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import { projectMosaic, type MosaicView } from './mosaic.view';

export type ApplyOutcome = 'applied' | 'skipped-duplicate' | 'ignored';

@Injectable()
export class MosaicsRepository {
  private readonly mosaics: Collection<MosaicView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.mosaics = db.collection<MosaicView>('mosaics_view');
  }

  /** Applies a catalog event to its mosaic's row; the owning service calls it right after appending. */
  async apply(event: Envelope): Promise<ApplyOutcome> {
    const current = await this.mosaics.findOne({ _id: event.streamId });
    if (current && current.version >= event.version) return 'skipped-duplicate';
    const next = projectMosaic(current, event);
    if (!next || next === current) return 'ignored';
    return upsertIfNewer(this.mosaics, next);
  }

  async listByOwner(ownerId: string): Promise<MosaicView[]> {
    return this.mosaics.find({ ownerId, deleted: false }).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  /** Null for a missing, deleted or someone else's mosaic: callers answer all three the same. */
  async findOwned(ownerId: string, mosaicId: string): Promise<MosaicView | null> {
    const view = await this.mosaics.findOne({ _id: mosaicId });
    return view && !view.deleted && view.ownerId === ownerId ? view : null;
  }

  async drop(): Promise<void> {
    await this.mosaics.drop().catch(() => undefined);
  }
}

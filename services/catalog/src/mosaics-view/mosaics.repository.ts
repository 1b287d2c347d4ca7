import { Inject, Injectable } from '@nestjs/common';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import type { MosaicView } from './mosaic.view';

/** `mosaics_view`: one row per mosaic stream. Written only through CatalogViews (catalog-views.service.ts). */
@Injectable()
export class MosaicsRepository {
  private readonly mosaics: Collection<MosaicView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.mosaics = db.collection<MosaicView>('mosaics_view');
  }

  async find(mosaicId: string): Promise<MosaicView | null> {
    return this.mosaics.findOne({ _id: mosaicId });
  }

  /** Stores a row unless the stored one is as new or newer (a concurrent catch-up got there first). */
  save(row: MosaicView): Promise<'applied' | 'skipped-duplicate'> {
    return upsertIfNewer(this.mosaics, row);
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

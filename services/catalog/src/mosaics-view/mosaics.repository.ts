import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import { projectMosaic, type MosaicView } from './mosaic.view';

export type ApplyOutcome = 'applied' | 'skipped-duplicate' | 'ignored';

@Injectable()
export class MosaicsRepository implements OnModuleInit {
  private readonly mosaics: Collection<MosaicView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.mosaics = db.collection<MosaicView>('mosaics_view');
  }

  async onModuleInit(): Promise<void> {
    await this.mosaics.createIndex({ ownerId: 1, createdAt: -1 });
  }

  /**
   * Applies an event under a version guard: a row moves only forward, so the owning service's
   * own write and the same event arriving again from Kafka change the row once.
   */
  async apply(event: Envelope): Promise<ApplyOutcome> {
    const current = await this.mosaics.findOne({ _id: event.streamId });
    if (current && current.version >= event.version) return 'skipped-duplicate';
    const next = projectMosaic(current, event);
    if (!next || next === current) return 'ignored';
    try {
      const result = await this.mosaics.replaceOne({ _id: next._id, version: { $lt: event.version } }, next, {
        upsert: true,
      });
      return result.modifiedCount + result.upsertedCount > 0 ? 'applied' : 'skipped-duplicate';
    } catch (error) {
      // The upsert raced with a writer that already stored this version or a newer one.
      if ((error as { code?: number }).code === 11000) return 'skipped-duplicate';
      throw error;
    }
  }

  async listByOwner(ownerId: string): Promise<MosaicView[]> {
    return this.mosaics.find({ ownerId }).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  async findOwned(ownerId: string, mosaicId: string): Promise<MosaicView | null> {
    return this.mosaics.findOne({ _id: mosaicId, ownerId });
  }
}

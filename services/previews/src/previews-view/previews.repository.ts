import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO_DB } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import type { Preview } from '../domain/preview.decider';

/** What the serving side needs of a preview, as of a stream version. */
export interface PreviewView {
  imageId: string;
  ownerId: string | null;
  status: Preview['status'];
  renditions: NonNullable<Preview['rendered']>['renditions'] | null;
  reason: string | null;
  version: number;
}

type Row = PreviewView & { _id: string };

/**
 * `previews_view`: one immutable row per (image, version), the newest read back, older ones
 * pruned — the quota ledger's way, because two writers (the worker's own projection and the
 * catch-up consumer) may write one image at once and a replace-if-older upsert can lose the
 * newer write under FerretDB v1; an insert cannot.
 */
@Injectable()
export class PreviewsRepository implements OnModuleInit {
  private readonly rows: Collection<Row>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.rows = db.collection<Row>('previews_view');
  }

  async onModuleInit(): Promise<void> {
    await this.rows.createIndex({ imageId: 1, version: -1 });
  }

  async save(imageId: string, state: Preview, version: number): Promise<'applied' | 'skipped-duplicate'> {
    if (await this.rows.findOne({ imageId, version: { $gte: version } })) return 'skipped-duplicate';
    const row: Row = {
      _id: `${imageId}|${version}`,
      imageId,
      ownerId: state.ref?.ownerId ?? null,
      status: state.status,
      renditions: state.rendered?.renditions ?? null,
      reason: state.failure?.reason ?? null,
      version,
    };
    try {
      await this.rows.insertOne(row);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return 'skipped-duplicate';
      throw error;
    }
    await this.rows.deleteMany({ imageId, version: { $lt: version } });
    return 'applied';
  }

  async find(imageId: string): Promise<PreviewView | null> {
    const row = await this.rows.findOne({ imageId }, { sort: { version: -1 } });
    if (!row) return null;
    const { _id, ...view } = row;
    return view;
  }
}

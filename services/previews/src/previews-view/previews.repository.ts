import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO_DB, VersionedRows } from '@mi/eventstore';
import type { Db } from 'mongodb';
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

/** `previews_view`: two writers (the worker's own projection and the catch-up consumer) may write one image at once. */
@Injectable()
export class PreviewsRepository implements OnModuleInit {
  private readonly view: VersionedRows<'imageId', Row>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.view = new VersionedRows(db.collection<Row>('previews_view'), 'imageId');
  }

  async onModuleInit(): Promise<void> {
    await this.view.ensureIndexes();
  }

  save(imageId: string, state: Preview, version: number): Promise<'applied' | 'skipped-duplicate'> {
    return this.view.save({
      imageId,
      ownerId: state.ref?.ownerId ?? null,
      status: state.status,
      renditions: state.rendered?.renditions ?? null,
      reason: state.failure?.reason ?? null,
      version,
    });
  }

  async find(imageId: string): Promise<PreviewView | null> {
    const row = await this.view.latest(imageId);
    if (!row) return null;
    const { _id, ...view } = row;
    return view;
  }
}

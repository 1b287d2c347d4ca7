import { Inject, Injectable } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MongoEventStore, MongoStreamCheckpoints, StreamCatchUp, StreamGap, type CatchUpResult } from '@mi/eventstore';
import { projectCatalogEvent } from './catalog-views.projection';
import { ImagesRepository } from './images-view/images.repository';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';
import { UploadOutcomesRepository } from './upload-outcomes/upload-outcomes.repository';

/** The checkpoint of the mosaics, images and upload-outcomes views, one per mosaic stream. */
export const CATALOG_VIEWS_CHECKPOINT = 'catalog.views';

/**
 * The only writer of the catalog's mosaic-stream views. The command path (right after its
 * append, for read-your-writes), the views consumer (on each delivered event) and the rebuild
 * all call `catchUp`, which reads the catalog's own event store from the views' checkpoint on
 * and applies what is missing in order: an event whose apply failed is never skipped, whichever
 * path comes next.
 */
@Injectable()
export class CatalogViews {
  private readonly catchUps: StreamCatchUp;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(MongoStreamCheckpoints) private readonly checkpoints: MongoStreamCheckpoints,
    @Inject(MosaicsRepository) private readonly mosaics: MosaicsRepository,
    @Inject(ImagesRepository) private readonly images: ImagesRepository,
    @Inject(UploadOutcomesRepository) private readonly outcomes: UploadOutcomesRepository,
  ) {
    this.catchUps = new StreamCatchUp(store, checkpoints, CATALOG_VIEWS_CHECKPOINT, (event, applied) =>
      this.apply(event, applied),
    );
  }

  /** Brings the views of one mosaic up to its stream's head; `fromStart` re-applies it all. */
  catchUp(mosaicId: string, options: { fromStart?: boolean } = {}): Promise<CatchUpResult> {
    return this.catchUps.catchUp(mosaicId, options);
  }

  /** Drops the rows, then the checkpoints, so a stream no rebuild reaches catches up in full later. */
  async drop(): Promise<void> {
    await this.mosaics.drop();
    await this.images.drop();
    await this.outcomes.drop();
    await this.checkpoints.forget(CATALOG_VIEWS_CHECKPOINT);
  }

  private async apply(event: Envelope, applied: number): Promise<void> {
    const [mosaic, images, outcomes] = await Promise.all([
      this.mosaics.find(event.streamId),
      this.images.touchedBy(event),
      this.outcomes.touchedBy(event),
    ]);
    const step = projectCatalogEvent({ applied, mosaic, images, outcomes }, event);
    if (step.outcome === 'gap') throw new StreamGap(event.streamId, applied, event.version);
    if (step.outcome !== 'applied') return;
    // No transaction: each row has its own version guard, and the checkpoint moves only after
    // the whole commit, so a crash between these writes is healed by applying the event again.
    for (const row of step.writes.images) await this.images.save(row);
    for (const row of step.writes.outcomes) await this.outcomes.save(row);
    if (step.writes.mosaic) await this.mosaics.save(step.writes.mosaic);
  }
}

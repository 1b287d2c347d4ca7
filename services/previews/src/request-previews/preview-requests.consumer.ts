import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { CatalogEvent, Envelope } from '@mi/contracts';
import { PreviewCommands } from '../preview-commands.service';
import { RenderWorker } from '../render/render.worker';

/**
 * requestPreviewsOfAcceptedImages and deletePreviewsOfDeletedImages: the catalog's decisions
 * become Preview commands. Rendering itself happens in the RenderWorker, off the consumer, so a
 * long render never holds a partition (or outlives a Kafka session).
 */
@Controller()
export class PreviewRequestsConsumer {
  constructor(
    @Inject(PreviewCommands) private readonly commands: PreviewCommands,
    @Inject(RenderWorker) private readonly worker: RenderWorker,
  ) {}

  @EventPattern(['catalog.ImageAccepted', 'catalog.ImageDeleted', 'catalog.MosaicDeleted'])
  async onCatalogEvent(@Payload() envelope: Envelope): Promise<'applied' | 'ignored'> {
    const event = envelope as unknown as CatalogEvent;
    const at = envelope.occurredAt;
    switch (event.type) {
      case 'catalog.ImageAccepted': {
        const { imageId, mosaicId, ownerId, storageUri, fileSize, metadata } = event.data;
        const { decided } = await this.commands.execute({
          type: 'RequestPreview',
          ref: { imageId, mosaicId, ownerId },
          source: { storageUri, fileSize, dtypes: metadata.dtypes, nodata: metadata.nodata },
          at,
        });
        if (decided) this.worker.wake();
        return decided ? 'applied' : 'ignored';
      }
      case 'catalog.ImageDeleted': {
        const { imageId, mosaicId, ownerId } = event.data;
        return this.delete([{ imageId, mosaicId, ownerId }], at);
      }
      case 'catalog.MosaicDeleted': {
        const { mosaicId, ownerId, images } = event.data;
        return this.delete(
          images.map(({ imageId }) => ({ imageId, mosaicId, ownerId })),
          at,
        );
      }
      default:
        return 'ignored';
    }
  }

  private async delete(refs: { imageId: string; mosaicId: string; ownerId: string }[], at: string) {
    let applied = false;
    for (const ref of refs) {
      applied = (await this.commands.execute({ type: 'DeletePreviews', ref, at })).decided || applied;
      // After the deletion is recorded, and on every redelivery: a render recorded just before
      // it left renditions, and one recorded after it is refused and cleans up after itself.
      await this.worker.removeRenditions(ref.imageId);
    }
    return applied ? 'applied' : 'ignored';
  }
}

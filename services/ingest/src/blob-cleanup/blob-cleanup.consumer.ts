import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { CatalogEvent, Envelope } from '@mi/contracts';
import { BLOB_STORE, parseGsUri, type BlobStore } from '@mi/storage';

/**
 * deleteBlobsWhenImagesGo: the originals of deleted images, of every image of a deleted mosaic,
 * and of images the catalog refused, are removed from storage. Deleting is idempotent, so a
 * redelivered event is harmless.
 */
@Controller()
export class BlobCleanupConsumer {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  private async remove(uris: string[]): Promise<'applied' | 'ignored'> {
    const keys = uris.map((uri) => parseGsUri(uri).key);
    for (const key of keys) await this.blobs.delete(key);
    return keys.length > 0 ? 'applied' : 'ignored';
  }

  @EventPattern(['catalog.ImageDeleted', 'catalog.ImageRejected', 'catalog.MosaicDeleted'])
  onImagesGone(@Payload() envelope: Envelope) {
    const event = envelope as unknown as CatalogEvent;
    switch (event.type) {
      case 'catalog.ImageDeleted':
      case 'catalog.ImageRejected':
        return this.remove([event.data.storageUri]);
      case 'catalog.MosaicDeleted':
        return this.remove(event.data.images.map((i) => i.storageUri));
      default:
        return 'ignored';
    }
  }
}

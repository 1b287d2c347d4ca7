import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Envelope, ImageValidated } from '@mi/contracts';
import { MosaicCommands } from '../mosaic-commands.service';

/**
 * attachImageWhenValidated (upload saga step 4): a GeoTIFF ingest validated becomes an image of
 * its mosaic, or is rejected when it does not fit the mosaic's raster profile. The upload id
 * makes the command idempotent: a redelivered event decides nothing new.
 */
@Controller()
export class AttachImageConsumer {
  constructor(@Inject(MosaicCommands) private readonly commands: MosaicCommands) {}

  @EventPattern('ingest.ImageValidated')
  async onImageValidated(@Payload() envelope: Envelope) {
    const { mosaicId, ownerId, uploadId, filename, fileSize, checksum, storageUri, metadata, footprint } =
      envelope.data as ImageValidated['data'];
    const image = { imageId: uploadId, uploadId, filename, fileSize, checksum, storageUri, metadata, footprint };
    const decided = await this.commands.execute({ type: 'AttachImage', mosaicId, ownerId, image, now: new Date() });
    return decided ? 'applied' : 'skipped-duplicate';
  }
}

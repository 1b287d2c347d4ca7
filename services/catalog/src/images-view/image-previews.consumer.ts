import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Envelope } from '@mi/contracts';
import { ImagesRepository } from './images.repository';

/** Shows previews' outcomes on Image objects: `preview_status` and the bands the previews show. */
@Controller()
export class ImagePreviewsConsumer {
  constructor(@Inject(ImagesRepository) private readonly images: ImagesRepository) {}

  @EventPattern(['previews.PreviewReady', 'previews.PreviewFailed'])
  onPreviewOutcome(@Payload() event: Envelope) {
    return this.images.applyPreview(event);
  }
}

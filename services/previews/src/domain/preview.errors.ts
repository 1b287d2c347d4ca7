import { DomainError } from '@mi/contracts';

/** A render finished for an image that is deleted (or was never requested): its output must go. */
export class PreviewGone extends DomainError {
  constructor(imageId: string) {
    super('PreviewGone', { image_id: imageId });
  }
}

/** Answered while an image's previews are still being rendered (404 with this code; API.md). */
export class PreviewNotReady extends DomainError {
  constructor(imageId: string) {
    super('PreviewNotReady', { image_id: imageId });
  }
}

/** Answered when rendering failed for good; the image itself is fine. */
export class PreviewFailed extends DomainError {
  constructor(imageId: string, reason: string) {
    super('PreviewFailed', { image_id: imageId, reason });
  }
}

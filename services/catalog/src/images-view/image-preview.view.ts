import type { Envelope, PreviewsEvent } from '@mi/contracts';

/** What the catalog shows of an image's previews: their state and which bands they show. */
export interface ImagePreviewView {
  _id: string;
  status: 'PENDING' | 'READY' | 'FAILED';
  /** One-based bands shown (grey or red, green, blue); null until rendered. */
  bands: number[] | null;
  alphaBand: number | null;
  reason: string | null;
  /** The version of the image's Preview stream this row last applied. */
  version: number;
}

/** An image the previews service has not reported on yet is waiting for its previews. */
export const PENDING_PREVIEW: Omit<ImagePreviewView, '_id' | 'version'> = {
  status: 'PENDING',
  bands: null,
  alphaBand: null,
  reason: null,
};

/** Folds one previews event into the row; null for events that change nothing shown. Pure. */
export function projectImagePreview(envelope: Envelope): ImagePreviewView | null {
  const event = envelope as unknown as PreviewsEvent;
  const row = { _id: envelope.streamId, version: envelope.version };
  switch (event.type) {
    case 'previews.PreviewReady':
      return {
        ...row,
        status: 'READY',
        bands: event.data.bands.shown,
        alphaBand: event.data.bands.alpha,
        reason: null,
      };
    case 'previews.PreviewFailed':
      return { ...row, ...PENDING_PREVIEW, status: 'FAILED', reason: event.data.reason };
    default:
      return null;
  }
}

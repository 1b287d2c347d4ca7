import type { ErrorDetail } from '../api/rest-types';

/** What to do with one answer of the preview endpoint. */
export type PreviewAnswer = { kind: 'ready' } | { kind: 'retry' } | { kind: 'failed'; reason: string };

/**
 * Previews are rendered after the image is accepted, so a fresh image answers 404 PreviewNotReady
 * for a moment: worth asking again. PreviewFailed is final; so is anything else but a 404 (a 404
 * without our code is an older gateway without previews, which may still gain them: ask again).
 */
export function previewAnswer(status: number, detail: ErrorDetail | null): PreviewAnswer {
  if (status === 200) return { kind: 'ready' };
  if (detail?.code === 'PreviewFailed') {
    const reason = detail.parameters.reason;
    return { kind: 'failed', reason: typeof reason === 'string' && reason ? reason : 'the preview could not be made' };
  }
  if (status === 404 && detail?.code !== 'ItemNotFound') return { kind: 'retry' };
  if (status === 429 || status >= 500 || status === 0) return { kind: 'retry' };
  return { kind: 'failed', reason: detail?.code ?? `HTTP ${status}` };
}

/** Waits between attempts: quick at first (most previews take a second), then patient; ~40 s in all. */
export const PREVIEW_RETRY_DELAYS_MS = [400, 800, 1500, 2500, 4000, 6000, 8000, 8000, 8000];

/** The path of an image's preview on this page's own origin (the API's base URL may differ). */
export function previewPath(imageId: string, size: 's' | 'l'): string {
  return `/rest/rasters/image/${encodeURIComponent(imageId)}/preview/${size}`;
}

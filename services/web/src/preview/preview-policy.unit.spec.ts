import { previewAnswer, previewPath, PREVIEW_RETRY_DELAYS_MS } from './preview-policy';

describe('reading the preview endpoint', () => {
  it('shows a preview that came', () => {
    expect(previewAnswer(200, null)).toEqual({ kind: 'ready' });
  });

  it('asks again while the preview is being rendered, and after a passing server problem', () => {
    expect(previewAnswer(404, { code: 'PreviewNotReady', parameters: {} })).toEqual({ kind: 'retry' });
    expect(previewAnswer(404, { code: 'NotFound', parameters: { path: null } })).toEqual({ kind: 'retry' });
    expect(previewAnswer(503, null)).toEqual({ kind: 'retry' });
    expect(previewAnswer(429, { code: 'TooManyRequests', parameters: {} })).toEqual({ kind: 'retry' });
  });

  it('gives up with the reason when rendering failed', () => {
    expect(previewAnswer(404, { code: 'PreviewFailed', parameters: { reason: 'no bands to show' } })).toEqual({
      kind: 'failed',
      reason: 'no bands to show',
    });
    expect(previewAnswer(422, { code: 'PreviewFailed', parameters: {} })).toEqual({
      kind: 'failed',
      reason: 'the preview could not be made',
    });
  });

  it('gives up on an image that is gone or a refused token', () => {
    expect(previewAnswer(404, { code: 'ItemNotFound', parameters: { instance_type: 'image' } }).kind).toBe('failed');
    expect(previewAnswer(401, { code: 'Unauthorized', parameters: {} }).kind).toBe('failed');
  });

  it('waits a bounded time in all', () => {
    const total = PREVIEW_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(60_000);
  });

  it("asks this page's origin, whatever base URL the API announces", () => {
    expect(previewPath('0192-ab', 's')).toBe('/rest/rasters/image/0192-ab/preview/s');
  });
});

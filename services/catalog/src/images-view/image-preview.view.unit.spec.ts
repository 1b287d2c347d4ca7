import type { Envelope } from '@mi/contracts';
import { projectImagePreview } from './image-preview.view';

const imageId = '0190f000-0000-7000-8000-000000000001';
const ref = { imageId, mosaicId: '0190f000-0000-7000-8000-000000000002', ownerId: 'alice@example.com' };
const envelope = (type: string, version: number, data: unknown) =>
  ({ type, version, streamId: imageId, data }) as unknown as Envelope;

describe('projectImagePreview', () => {
  it('a ready preview shows its bands (the first three of a many-band image) and alpha band', () => {
    const ready = envelope('previews.PreviewReady', 2, { ...ref, bands: { shown: [1, 2, 3], alpha: null } });
    expect(projectImagePreview(ready)).toEqual({
      _id: imageId,
      version: 2,
      status: 'READY',
      bands: [1, 2, 3],
      alphaBand: null,
      reason: null,
    });
  });

  it('a failed preview keeps its reason', () => {
    const failed = envelope('previews.PreviewFailed', 2, { ...ref, reason: 'incorrect header check', attempts: 3 });
    expect(projectImagePreview(failed)).toMatchObject({
      status: 'FAILED',
      reason: 'incorrect header check',
      bands: null,
    });
  });

  it('requests and deletions change nothing shown', () => {
    expect(projectImagePreview(envelope('previews.PreviewRequested', 1, ref))).toBeNull();
    expect(projectImagePreview(envelope('previews.PreviewsDeleted', 3, ref))).toBeNull();
  });
});

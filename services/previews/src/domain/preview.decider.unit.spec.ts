import type { PreviewsEvent } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import { previewDecider, type PreviewCommand } from './preview.decider';
import { PreviewGone } from './preview.errors';

const at = '2026-11-25T12:00:00.000Z';
const ref = {
  imageId: '0190f000-0000-7000-8000-000000000001',
  mosaicId: '0190f000-0000-7000-8000-000000000002',
  ownerId: 'alice@example.com',
};
const source = { storageUri: 'gs://originals/images/1', fileSize: 1234, dtypes: ['uint16'], nodata: null };
const rendition = (format: 'png' | 'jpeg', width: number) => ({
  uri: `gs://previews/images/1/${width}.${format}`,
  format,
  width,
  height: width / 2,
  bytes: 100,
  etag: `"${width}"`,
});
const rendered = {
  renditions: { s: rendition('jpeg', 256), l: rendition('jpeg', 1024) },
  bands: { shown: [1], alpha: null },
  stretch: [{ low: 10, high: 900 }],
  level: { index: 0, width: 2048, height: 1024 },
  renderMs: 42,
};
const given = deciderSpec(previewDecider);

const request: PreviewCommand = { type: 'RequestPreview', ref, source, at };
const record: PreviewCommand = { type: 'RecordRendered', imageId: ref.imageId, rendered, at };
const fail: PreviewCommand = { type: 'RecordFailure', imageId: ref.imageId, reason: 'not decodable', attempts: 3, at };
const remove: PreviewCommand = { type: 'DeletePreviews', ref, at };

const requested: PreviewsEvent = { type: 'previews.PreviewRequested', data: { ...ref, ...source, requestedAt: at } };
const ready: PreviewsEvent = { type: 'previews.PreviewReady', data: { ...ref, ...rendered, renderedAt: at } };
const failed: PreviewsEvent = {
  type: 'previews.PreviewFailed',
  data: { ...ref, reason: 'not decodable', attempts: 3, failedAt: at },
};
const deleted: PreviewsEvent = { type: 'previews.PreviewsDeleted', data: { ...ref, deletedAt: at } };

describe('preview decider', () => {
  it('requests a preview for a newly accepted image', () => given().when(request).then([requested]));

  it('requests once, however often the acceptance is redelivered', () => {
    given(requested).when(request).then([]);
    given(requested, ready).when(request).then([]);
  });

  it('records the rendered previews of a pending request', () => given(requested).when(record).then([ready]));

  it('records a render once (two workers finishing the same request)', () =>
    given(requested, ready).when(record).then([]));

  it('a retry after a failure may still succeed', () => given(requested, failed).when(record).then([ready]));

  it('refuses a render of a deleted image, so the worker removes what it wrote', () => {
    given(requested, deleted).when(record).thenThrows(PreviewGone, { image_id: ref.imageId });
    given().when(record).thenThrows(PreviewGone);
  });

  it('records a failure only while pending', () => {
    given(requested).when(fail).then([failed]);
    given(requested, ready).when(fail).then([]);
    given(requested, deleted).when(fail).then([]);
  });

  it('deletes previews in any state, once', () => {
    given(requested, ready).when(remove).then([deleted]);
    given(requested).when(remove).then([deleted]);
    given(requested, deleted).when(remove).then([]);
  });

  it('a deletion heard before the acceptance leaves a tombstone: no render is requested after it', () => {
    given().when(remove).then([deleted]);
    given(deleted).when(request).then([]);
  });
});

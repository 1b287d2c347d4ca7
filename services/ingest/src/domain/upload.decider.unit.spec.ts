import type { IngestEvent } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import { uploadDecider, UploadStateConflict, type UploadCommand } from './upload.decider';

const now = new Date('2026-11-25T12:00:00.000Z');
const at = now.toISOString();
const ref = {
  uploadId: '0195f0a0-0000-7000-8000-0000000000f1',
  mosaicId: '0195f0a0-0000-7000-8000-000000000001',
  ownerId: 'alice@example.com',
  filename: 'scene.tif',
};
const stored = { storageUri: 'gs://imagery/images/u1', fileSize: 2048, checksum: 'abc' };
const metadata = {
  crs: 'EPSG:32637',
  count: 3,
  width: 10,
  height: 10,
  dtypes: ['uint8', 'uint8', 'uint8'],
  nodata: null,
  pixelSize: [0.5, 0.5] as [number, number],
};

const given = deciderSpec(uploadDecider);
const started: IngestEvent = {
  type: 'ingest.UploadStarted',
  data: { ...ref, source: 'upload', declaredBytes: 4096, startedAt: at },
};
const storedEvent: IngestEvent = { type: 'ingest.ImageStored', data: { ...ref, ...stored, storedAt: at } };
const start: UploadCommand = { type: 'StartUpload', ...ref, source: 'upload', declaredBytes: 4096, now };
const record: UploadCommand = { type: 'RecordStored', ...stored, now };
const validate: UploadCommand = {
  type: 'RecordValidated',
  metadata,
  footprint: 'POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))',
  now,
};
const reject = (code: string): UploadCommand => ({
  type: 'RejectUpload',
  code,
  parameters: { filename: 'scene.tif' },
  fileSize: null,
  now,
});

describe('Upload decider', () => {
  it('starts an upload', () => given().when(start).then([started]));

  it('records the stored bytes with their size and checksum', () => given(started).when(record).then([storedEvent]));

  it('validates a stored image, carrying everything the catalog needs', () => {
    given(started, storedEvent)
      .when(validate)
      .then([
        {
          type: 'ingest.ImageValidated',
          data: { ...ref, ...stored, metadata, footprint: 'POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))', validatedAt: at },
        },
      ]);
  });

  it('rejects while receiving (file too big, client gone) and after storing (invalid file)', () => {
    const rejected = (code: string): IngestEvent => ({
      type: 'ingest.UploadRejected',
      data: { ...ref, code, parameters: { filename: 'scene.tif' }, fileSize: null, rejectedAt: at },
    });
    given(started)
      .when(reject('FileTooBig'))
      .then([rejected('FileTooBig')]);
    given(started, storedEvent)
      .when(reject('FileOpenError'))
      .then([rejected('FileOpenError')]);
  });

  it('cannot validate bytes that were never stored', () => {
    given(started).when(validate).thenThrows(UploadStateConflict);
  });

  it('changes nothing once the upload ended: a late sweep or retry is harmless', () => {
    const rejected: IngestEvent = {
      type: 'ingest.UploadRejected',
      data: { ...ref, code: 'UploadAborted', parameters: {}, fileSize: null, rejectedAt: at },
    };
    given(started, rejected).when(reject('UploadAborted')).then([]);
    given(started, rejected).when(record).then([]);
    given(started).when(start).then([]);
  });
});

import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ServiceUnavailable, UpstreamError, type PlanCatalog } from '@mi/platform';
import type { GatewayConfig } from '../gateway.config';
import type { CatalogClient } from '../infra/catalog.client';
import type { IngestClient, IngestOutcome } from '../infra/ingest.client';
import type { QuotaClient } from '../infra/quota.client';
import { UploadSaga, type UploadAttempt } from './upload-saga.service';

const uploadId = '0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a10';
const mosaicId = '0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a11';
const validated: IngestOutcome = {
  status: 'VALIDATED',
  uploadId,
  image: {
    storageUri: `gs://bucket/images/${uploadId}`,
    fileSize: 1234,
    checksum: 'ab'.repeat(20),
    metadata: {
      crs: 'EPSG:32617',
      count: 1,
      width: 10,
      height: 20,
      dtypes: ['uint8'],
      nodata: null,
      pixelSize: [1, 2],
    },
    footprint: 'POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))',
    filename: 'field.tif',
    mosaicId,
  },
};
const accepted = { id: uploadId, status: 'READY' };

/** Ingest reads the whole body and answers it validated. */
const ingestValidates = async (_target: unknown, body: PassThrough) => {
  await text(body);
  return validated;
};
const ingestDown = new ServiceUnavailable('ingest', 'socket hang up');

/**
 * A saga whose ingest handles the upload as `ingest` says (by default: takes it in) and whose
 * catalog answers `answers` in turn (the last one from then on).
 */
function sagaWithCatalog(answers: (() => unknown)[], waitMs: number, upload = ingestValidates) {
  let calls = 0;
  const catalog = {
    request: async () => answers[Math.min(calls++, answers.length - 1)](),
  } as unknown as CatalogClient;
  const ingest = { upload } as unknown as IngestClient;
  const quota = { release: jest.fn(async () => undefined) };
  const config = { UPLOAD_WAIT_MS: waitMs, PUBLIC_BASE_URL: 'http://gateway.example' } as GatewayConfig;
  const saga = new UploadSaga(catalog, ingest, quota as unknown as QuotaClient, {} as PlanCatalog, config);
  const attempt: UploadAttempt = {
    caller: { ownerId: 'alice@example.com', plan: 'free' },
    uploadId,
    mosaicId,
    reservedBytes: 1234,
    sized: true,
    handedOver: false,
  };
  const run = () => saga.settle(attempt, () => saga.upload(attempt, 'field.tif', new PassThrough().end('II*'), 1234));
  return { upload: run, calls: () => calls, quota };
}

const catalogDown = () => {
  throw new ServiceUnavailable('catalog', 'connect ECONNREFUSED');
};
const pending = () => {
  throw new UpstreamError(409, 'UploadPending', {});
};

describe('UploadSaga, once ingest took the upload in', () => {
  // The catalog restarting while it decides used to answer 503 with Retry-After: the client sent
  // the file again, and both copies ended in the mosaic.
  it('waits through a catalog that does not answer, and answers its decision', async () => {
    const { upload, calls, quota } = sagaWithCatalog(
      [catalogDown, catalogDown, pending, () => ({ status: 'ACCEPTED', image: accepted })],
      5000,
    );

    await expect(upload()).resolves.toEqual(accepted);
    expect(calls()).toBe(4);
    expect(quota.release).not.toHaveBeenCalled();
  });

  it('answers the VALIDATING Image, not a 503, when the catalog stays down for the whole wait', async () => {
    const { upload, calls } = sagaWithCatalog([catalogDown], 300);

    await expect(upload()).resolves.toMatchObject({ id: uploadId, status: 'VALIDATING', mosaic_id: mosaicId });
    expect(calls()).toBeGreaterThan(1);
  });

  it('still answers what the catalog refuses', async () => {
    const notFound = () => ({ status: 'REJECTED', detail: { code: 'ItemNotFound', parameters: {} } });
    const { upload } = sagaWithCatalog([catalogDown, notFound], 5000);

    await expect(upload()).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('UploadSaga, when ingest goes away without answering', () => {
  // Ingest killed after it committed ImageValidated, before it answered: the upload goes on (its
  // outbox publishes, the catalog accepts), but the client was answered 503 and sent it again.
  it('answers the catalog decision on an upload ingest had whole', async () => {
    const diesAfterTheBody = async (_target: unknown, body: PassThrough) => {
      await text(body);
      throw ingestDown;
    };
    const { upload, calls } = sagaWithCatalog(
      [catalogDown, pending, () => ({ status: 'ACCEPTED', image: accepted })],
      5000,
      diesAfterTheBody,
    );

    await expect(upload()).resolves.toEqual(accepted);
    expect(calls()).toBe(3);
  });

  it('answers 503 when the catalog decides nothing within the wait', async () => {
    const diesAfterTheBody = async (_target: unknown, body: PassThrough) => {
      await text(body);
      throw ingestDown;
    };
    const { upload, calls } = sagaWithCatalog([pending], 300, diesAfterTheBody);

    await expect(upload()).rejects.toBe(ingestDown);
    expect(calls()).toBeGreaterThan(1);
  });

  it('answers 503 at once when ingest went away before the body ended (it cannot have validated it)', async () => {
    const diesMidBody = async () => {
      throw ingestDown;
    };
    const { upload, calls } = sagaWithCatalog([pending], 5000, diesMidBody);

    await expect(upload()).rejects.toBe(ingestDown);
    expect(calls()).toBe(0);
  });
});

describe('UploadSaga, when ingest could not store the file', () => {
  // Storage down used to answer the client a 400 (UploadAborted) or, through a 500 of ingest, a
  // 503 only after the whole wait; and the room stayed reserved until ingest's sweep ran.
  it('answers 503 at once and gives the room back', async () => {
    const storageFailed = async (_target: unknown, body: PassThrough) => {
      await text(body);
      return { status: 'REJECTED', uploadId, code: 'StorageUnavailable', parameters: { service: 'storage' } };
    };
    const { upload, calls, quota } = sagaWithCatalog([pending], 5000, storageFailed as typeof ingestValidates);

    await expect(upload()).rejects.toBeInstanceOf(ServiceUnavailable);
    expect(calls()).toBe(0);
    expect(quota.release).toHaveBeenCalledWith('alice@example.com', uploadId);
  });
});

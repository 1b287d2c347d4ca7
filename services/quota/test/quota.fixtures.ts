import { TEST_SERVICE_TOKEN_SECRET } from '@mi/testing';
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@mi/contracts';
import { parsePlanCatalog } from '@mi/platform';
import { QuotaConfigSchema, type QuotaConfig } from '../src/quota.config';

const processing = { aoiAreaLimitM2: 1_000_000, maxAoisPerProcessing: 1 };

/** Small plans so a handful of bytes fill an account. */
export const testPlans = parsePlanCatalog(
  {
    plans: [
      { id: 'free', storageLimitBytes: 1000, maxFileSizeBytes: 800, maxPixelsPerSide: 100, processing },
      { id: 'premium', storageLimitBytes: 5000, maxFileSizeBytes: 4000, maxPixelsPerSide: 500, processing },
    ],
    defaultPlan: 'free',
  },
  'quota test plans',
);

export function aQuotaConfig(overrides: Partial<Record<keyof QuotaConfig, string>> = {}): QuotaConfig {
  return QuotaConfigSchema.parse({
    KAFKA_BROKERS: '127.0.0.1:19092',
    MONGO_URL: 'mongodb://127.0.0.1:27018',
    RESERVATION_TTL_MS: '60000',
    RESERVATION_SWEEP_MS: '3600000',
    SNAPSHOT_EVERY: '50',
    SERVICE_TOKEN_SECRET: TEST_SERVICE_TOKEN_SECRET,
    ...overrides,
  });
}

/** An event as another service's topic carries it. */
export function anEnvelope(type: string, streamId: string, version: number, data: unknown): Envelope {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId,
    streamType: type.split('.')[0],
    version,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: null,
    data,
  } as Envelope;
}

const at = () => new Date().toISOString();
const storageUri = (id: string) => `gs://imagery/images/${id}`;
const metadata = {
  crs: 'EPSG:32637',
  count: 3,
  width: 10,
  height: 10,
  dtypes: ['uint8', 'uint8', 'uint8'],
  nodata: null,
  pixelSize: [0.5, 0.5],
};

export function imageAccepted(ownerId: string, mosaicId: string, imageId: string, fileSize: number, version = 2) {
  return anEnvelope('catalog.ImageAccepted', mosaicId, version, {
    mosaicId,
    imageId,
    uploadId: imageId,
    ownerId,
    filename: 'scene.tif',
    fileSize,
    checksum: 'abc',
    storageUri: storageUri(imageId),
    metadata,
    footprint: 'POLYGON ((37 56, 38 56, 38 55, 37 55, 37 56))',
    acceptedAt: at(),
  });
}

export function imageRejected(ownerId: string, mosaicId: string, imageId: string, version = 2) {
  return anEnvelope('catalog.ImageRejected', mosaicId, version, {
    mosaicId,
    imageId,
    uploadId: imageId,
    ownerId,
    filename: 'scene.tif',
    fileSize: 10,
    storageUri: storageUri(imageId),
    code: 'FileValidationFailed',
    parameters: {},
    rejectedAt: at(),
  });
}

export function imageDeleted(ownerId: string, mosaicId: string, imageId: string, fileSize: number, version = 3) {
  return anEnvelope('catalog.ImageDeleted', mosaicId, version, {
    mosaicId,
    imageId,
    ownerId,
    fileSize,
    storageUri: storageUri(imageId),
    deletedAt: at(),
  });
}

export function mosaicDeleted(ownerId: string, mosaicId: string, images: { imageId: string; fileSize: number }[]) {
  return anEnvelope('catalog.MosaicDeleted', mosaicId, 9, {
    mosaicId,
    ownerId,
    images: images.map((i) => ({ ...i, storageUri: storageUri(i.imageId) })),
    deletedAt: at(),
  });
}

export function uploadRejected(ownerId: string, uploadId: string) {
  return anEnvelope('ingest.UploadRejected', uploadId, 2, {
    uploadId,
    mosaicId: randomUUID(),
    ownerId,
    filename: 'scene.tif',
    code: 'FileOpenError',
    parameters: { filename: 'scene.tif' },
    fileSize: 10,
    rejectedAt: at(),
  });
}

export function userRegistered(userId: string, plan: string) {
  return anEnvelope('identity.UserRegistered', userId, 1, { userId, email: userId, plan, registeredAt: at() });
}

export function planChanged(userId: string, plan: string, previousPlan: string, version = 2) {
  return anEnvelope('identity.PlanChanged', userId, version, {
    userId,
    email: userId,
    plan,
    previousPlan,
    changedAt: at(),
  });
}

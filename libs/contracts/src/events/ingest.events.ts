import { z } from 'zod';
import { TOPICS } from '../topics';
import { ImageMetadataData } from './catalog.events';
import { defineEvent, type DomainEventOf } from './event-definition';

// The Upload aggregate's life: started → stored (bytes in GCS, counted and hashed) →
// validated (a georeferenced GeoTIFF within the plan) or rejected (with API.md's code).
// An upload's id is also the id its image gets.

const UploadRef = {
  uploadId: z.uuid(),
  mosaicId: z.uuid(),
  ownerId: z.string().min(1),
  filename: z.string().min(1),
};

export const UploadStartedV1 = defineEvent({
  type: 'ingest.UploadStarted',
  schemaVersion: 1,
  topic: TOPICS.ingestEvents,
  summary: 'Bytes for a new image started arriving (or a linked object started copying).',
  schema: z.object({
    ...UploadRef,
    source: z.enum(['upload', 'link']),
    declaredBytes: z.number().int().nonnegative().nullable(),
    startedAt: z.iso.datetime(),
  }),
});

export const ImageStoredV1 = defineEvent({
  type: 'ingest.ImageStored',
  schemaVersion: 1,
  topic: TOPICS.ingestEvents,
  summary: 'Every byte is in storage: exact size and SHA-1 known.',
  schema: z.object({
    ...UploadRef,
    storageUri: z.string(),
    fileSize: z.number().int().nonnegative(),
    checksum: z.string().describe('SHA-1, lower-case hex'),
    storedAt: z.iso.datetime(),
  }),
});

export const ImageValidatedV1 = defineEvent({
  type: 'ingest.ImageValidated',
  schemaVersion: 1,
  topic: TOPICS.ingestEvents,
  summary: 'The stored file is a georeferenced GeoTIFF within the plan; the catalog decides if it fits its mosaic.',
  schema: z.object({
    ...UploadRef,
    storageUri: z.string(),
    fileSize: z.number().int().nonnegative(),
    checksum: z.string(),
    metadata: ImageMetadataData,
    footprint: z.string(),
    validatedAt: z.iso.datetime(),
  }),
});

export const UploadRejectedV1 = defineEvent({
  type: 'ingest.UploadRejected',
  schemaVersion: 1,
  topic: TOPICS.ingestEvents,
  summary: 'The upload failed or the file is not acceptable; nothing of it is kept.',
  schema: z.object({
    ...UploadRef,
    code: z
      .string()
      .describe(
        'FileOpenError, FileCheckFailed, ImageTooLarge, ImageOutOfBounds, FileTooBig, UploadAborted, StorageUnavailable',
      ),
    parameters: z.record(z.string(), z.unknown()),
    fileSize: z.number().int().nonnegative().nullable(),
    rejectedAt: z.iso.datetime(),
  }),
});

export const INGEST_EVENTS = [UploadStartedV1, ImageStoredV1, ImageValidatedV1, UploadRejectedV1] as const;

export type UploadStarted = DomainEventOf<typeof UploadStartedV1>;
export type ImageStored = DomainEventOf<typeof ImageStoredV1>;
export type ImageValidated = DomainEventOf<typeof ImageValidatedV1>;
export type UploadRejected = DomainEventOf<typeof UploadRejectedV1>;
export type IngestEvent = UploadStarted | ImageStored | ImageValidated | UploadRejected;

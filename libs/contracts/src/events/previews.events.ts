import { z } from 'zod';
import { TOPICS } from '../topics';
import { defineEvent, type DomainEventOf } from './event-definition';

// A Preview stream per image (its id is the image id): requested when the catalog accepts the
// image, then ready or failed (a failure never blocks the image; the reason is kept), and
// deleted with the image or its mosaic.

const PreviewRef = {
  imageId: z.uuid(),
  mosaicId: z.uuid(),
  ownerId: z.string().min(1),
};

export const PreviewRequestedV1 = defineEvent({
  type: 'previews.PreviewRequested',
  schemaVersion: 1,
  topic: TOPICS.previewsEvents,
  summary: 'An accepted image waits for its previews; what rendering needs is copied from the acceptance.',
  schema: z.object({
    ...PreviewRef,
    storageUri: z.string(),
    fileSize: z.number().int().nonnegative(),
    dtypes: z.array(z.string()),
    nodata: z.number().nullable(),
    requestedAt: z.iso.datetime(),
  }),
});

export const RenditionData = z.object({
  uri: z.string().describe('gs://bucket/key of the rendition'),
  format: z.enum(['png', 'jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  etag: z.string().describe('strong validator of the rendition bytes'),
});

export const PreviewReadyV1 = defineEvent({
  type: 'previews.PreviewReady',
  schemaVersion: 1,
  topic: TOPICS.previewsEvents,
  summary: 'The `s` (fits 256 px) and `l` (fits 1024 px) previews are stored.',
  schema: z.object({
    ...PreviewRef,
    renditions: z.object({ s: RenditionData, l: RenditionData }),
    bands: z.object({
      shown: z.array(z.number().int().positive()).describe('one-based bands shown as grey or red, green, blue'),
      alpha: z.number().int().positive().nullable().describe('one-based band shown as transparency'),
    }),
    stretch: z
      .array(z.object({ low: z.number(), high: z.number() }))
      .nullable()
      .describe('per shown band, the 2 % and 98 % values stretched to 0 and 255; null for 8-bit images'),
    level: z.object({ index: z.number().int().nonnegative(), width: z.number().int(), height: z.number().int() }),
    renderMs: z.number().nonnegative(),
    renderedAt: z.iso.datetime(),
  }),
});

export const PreviewFailedV1 = defineEvent({
  type: 'previews.PreviewFailed',
  schemaVersion: 1,
  topic: TOPICS.previewsEvents,
  summary: 'The previews could not be rendered; the image itself is unaffected.',
  schema: z.object({
    ...PreviewRef,
    reason: z.string().min(1),
    attempts: z.number().int().positive(),
    failedAt: z.iso.datetime(),
  }),
});

export const PreviewsDeletedV1 = defineEvent({
  type: 'previews.PreviewsDeleted',
  schemaVersion: 1,
  topic: TOPICS.previewsEvents,
  summary: 'The image (or its mosaic) was deleted: its renditions are gone, and none will be rendered.',
  schema: z.object({ ...PreviewRef, deletedAt: z.iso.datetime() }),
});

export const PREVIEWS_EVENTS = [PreviewRequestedV1, PreviewReadyV1, PreviewFailedV1, PreviewsDeletedV1] as const;

export type PreviewRequested = DomainEventOf<typeof PreviewRequestedV1>;
export type PreviewReady = DomainEventOf<typeof PreviewReadyV1>;
export type PreviewFailed = DomainEventOf<typeof PreviewFailedV1>;
export type PreviewsDeleted = DomainEventOf<typeof PreviewsDeletedV1>;
export type PreviewsEvent = PreviewRequested | PreviewReady | PreviewFailed | PreviewsDeleted;

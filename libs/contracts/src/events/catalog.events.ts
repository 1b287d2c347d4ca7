import { z } from 'zod';
import { TOPICS } from '../topics';
import { defineEvent, type DomainEventOf } from './event-definition';

const Tags = z.array(z.string().min(1).max(64)).max(50);

/** What every image of a mosaic must share (DESIGN.md §1). */
export const RasterProfileData = z.object({
  crs: z.string(),
  count: z.number().int().positive(),
  pixelSize: z.tuple([z.number().positive(), z.number().positive()]),
});

/** The `meta_data` of API.md's Image, as validated by ingest. */
export const ImageMetadataData = z.object({
  crs: z.string(),
  count: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dtypes: z.array(z.string()),
  nodata: z.number().nullable(),
  pixelSize: z.tuple([z.number().positive(), z.number().positive()]),
});

export const MosaicCreatedV1 = defineEvent({
  type: 'catalog.MosaicCreated',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: 'A user created an empty mosaic (collection of images).',
  schema: z.object({
    mosaicId: z.uuid(),
    ownerId: z.string().min(1),
    name: z.string().min(1).max(255),
    tags: Tags,
    createdAt: z.iso.datetime(),
  }),
});

export const MosaicRenamedV1 = defineEvent({
  type: 'catalog.MosaicRenamed',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: 'A mosaic got a new name.',
  schema: z.object({ mosaicId: z.uuid(), name: z.string().min(1).max(255), renamedAt: z.iso.datetime() }),
});

export const MosaicRetaggedV1 = defineEvent({
  type: 'catalog.MosaicRetagged',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: "A mosaic's tags were replaced.",
  schema: z.object({ mosaicId: z.uuid(), tags: Tags, retaggedAt: z.iso.datetime() }),
});

export const MosaicDeletedV1 = defineEvent({
  type: 'catalog.MosaicDeleted',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: 'A mosaic and every image in it were deleted; their blobs, previews and storage go too.',
  schema: z.object({
    mosaicId: z.uuid(),
    ownerId: z.string().min(1),
    images: z.array(z.object({ imageId: z.uuid(), fileSize: z.number().int().nonnegative(), storageUri: z.string() })),
    deletedAt: z.iso.datetime(),
  }),
});

/** What the catalog's decision on an upload carries either way (the upload id is the image id). */
const DecidedUpload = {
  mosaicId: z.uuid(),
  imageId: z.uuid(),
  uploadId: z.string().min(1),
  ownerId: z.string().min(1),
  filename: z.string().min(1),
  fileSize: z.number().int().nonnegative(),
};

export const ImageAcceptedV1 = defineEvent({
  type: 'catalog.ImageAccepted',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: "An image joined a mosaic; the first one fixes the mosaic's raster profile.",
  schema: z.object({
    ...DecidedUpload,
    checksum: z.string(),
    storageUri: z.string(),
    metadata: ImageMetadataData,
    footprint: z.string().describe('WKT POLYGON in EPSG:4326, corners NW, NE, SE, SW, NW'),
    acceptedAt: z.iso.datetime(),
  }),
});

export const ImageRejectedV1 = defineEvent({
  type: 'catalog.ImageRejected',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: "A valid image did not match its mosaic's raster profile (or its mosaic was gone).",
  schema: z.object({
    ...DecidedUpload,
    storageUri: z.string(),
    code: z.enum(['FileValidationFailed', 'ItemNotFound']),
    parameters: z.record(z.string(), z.unknown()),
    rejectedAt: z.iso.datetime(),
  }),
});

export const ImageRenamedV1 = defineEvent({
  type: 'catalog.ImageRenamed',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: 'An image got a new file name.',
  schema: z.object({ mosaicId: z.uuid(), imageId: z.uuid(), filename: z.string().min(1), renamedAt: z.iso.datetime() }),
});

export const ImageDeletedV1 = defineEvent({
  type: 'catalog.ImageDeleted',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: 'One image was deleted from its mosaic; its blob, previews and storage go too.',
  schema: z.object({
    mosaicId: z.uuid(),
    imageId: z.uuid(),
    ownerId: z.string().min(1),
    fileSize: z.number().int().nonnegative(),
    storageUri: z.string(),
    deletedAt: z.iso.datetime(),
  }),
});

export const CATALOG_EVENTS = [
  MosaicCreatedV1,
  MosaicRenamedV1,
  MosaicRetaggedV1,
  MosaicDeletedV1,
  ImageAcceptedV1,
  ImageRejectedV1,
  ImageRenamedV1,
  ImageDeletedV1,
] as const;

export type MosaicCreated = DomainEventOf<typeof MosaicCreatedV1>;
export type MosaicRenamed = DomainEventOf<typeof MosaicRenamedV1>;
export type MosaicRetagged = DomainEventOf<typeof MosaicRetaggedV1>;
export type MosaicDeleted = DomainEventOf<typeof MosaicDeletedV1>;
export type ImageAccepted = DomainEventOf<typeof ImageAcceptedV1>;
export type ImageRejected = DomainEventOf<typeof ImageRejectedV1>;
export type ImageRenamed = DomainEventOf<typeof ImageRenamedV1>;
export type ImageDeleted = DomainEventOf<typeof ImageDeletedV1>;
export type CatalogEvent =
  | MosaicCreated
  | MosaicRenamed
  | MosaicRetagged
  | MosaicDeleted
  | ImageAccepted
  | ImageRejected
  | ImageRenamed
  | ImageDeleted;

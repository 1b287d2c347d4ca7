import { z } from 'zod';
import { ImageMetadataData } from '../events/catalog.events';

/** The Image object of API.md, key for key (the QGIS plugin crashes on a missing one). */
export const ImageSchema = z.strictObject({
  id: z.uuid(),
  mosaic_id: z.uuid(),
  image_url: z.string(),
  preview_url_s: z.url(),
  preview_url_l: z.url(),
  uploaded_at: z.iso.datetime(),
  file_size: z.number().int().nonnegative(),
  footprint: z.string(),
  filename: z.string(),
  checksum: z.string(),
  meta_data: z.strictObject({
    crs: z.string(),
    count: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    dtypes: z.array(z.string()),
    nodata: z.number().nullable(),
    pixel_size: z.tuple([z.number().positive(), z.number().positive()]),
    /** Ours: one-based bands the previews show, null until rendered. */
    preview_bands: z.array(z.number().int().positive()).nullable(),
    preview_alpha_band: z.number().int().positive().nullable(),
  }),
  cog_link: z.string().nullable(),
  available_for_download: z.boolean(),
  status: z.enum(['UPLOADING', 'VALIDATING', 'READY', 'REJECTED']),
  /** Ours: the previews' state; FAILED never affects the image itself. */
  preview_status: z.enum(['PENDING', 'READY', 'FAILED']),
});

export type Image = z.infer<typeof ImageSchema>;

/** API.md's `meta_data` (snake_case) from the events' metadata, with the bands the previews show. */
export function imageMetaDataOf(
  metadata: z.infer<typeof ImageMetadataData>,
  preview: { bands: number[] | null; alphaBand: number | null },
): Image['meta_data'] {
  return {
    crs: metadata.crs,
    count: metadata.count,
    width: metadata.width,
    height: metadata.height,
    dtypes: metadata.dtypes,
    nodata: metadata.nodata,
    pixel_size: metadata.pixelSize,
    // Ours: which bands the previews show (more than four bands show the first three).
    preview_bands: preview.bands,
    preview_alpha_band: preview.alphaBand,
  };
}

export const UpdateMosaicRequestSchema = z.object({
  name: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

export const BulkDeleteRequestSchema = z.object({ ids: z.array(z.string()).min(1).max(100) });

/** `POST /rasters/mosaic/delete` (ours): what was deleted, and why each other id was not. */
export const BulkDeleteResponseSchema = z.strictObject({
  deleted: z.array(z.uuid()),
  failed: z.array(
    z.strictObject({
      id: z.string(),
      detail: z.object({ code: z.string(), parameters: z.record(z.string(), z.unknown()) }),
    }),
  ),
});

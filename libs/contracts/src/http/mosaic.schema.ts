import { z } from 'zod';

// Shape only: the length and count rules are the catalog's domain rules (mosaic.decider.ts).
export const CreateMosaicRequestSchema = z.object({
  name: z.string(),
  tags: z.array(z.string()).optional(),
});

export type CreateMosaicRequest = z.infer<typeof CreateMosaicRequestSchema>;

export const RasterProfileSchema = z.object({
  crs: z.string(),
  count: z.number().int(),
  pixel_size: z.tuple([z.number(), z.number()]),
  dtypes: z.array(z.string()),
});

/** The Mosaic object of API.md, key for key: the QGIS plugin crashes on a missing one. */
export const MosaicSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  tags: z.array(z.string()),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  footprint: z.string().nullable(),
  sizeInBytes: z.number().int().nonnegative(),
  image_count: z.number().int().nonnegative(),
  rasterLayer: z.object({ tileUrl: z.string(), tileJsonUrl: z.string() }).nullable(),
  status: z.enum(['EMPTY', 'READY', 'PROCESSING_IMAGES']),
  raster_profile: RasterProfileSchema.nullable(),
});

export type Mosaic = z.infer<typeof MosaicSchema>;

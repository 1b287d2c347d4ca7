import { z } from 'zod';

export const MosaicNameSchema = z.string().trim().min(1).max(255);
export const MosaicTagsSchema = z.array(z.string().max(64)).max(50);

export const CreateMosaicRequestSchema = z.object({
  name: MosaicNameSchema,
  tags: MosaicTagsSchema.optional(),
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

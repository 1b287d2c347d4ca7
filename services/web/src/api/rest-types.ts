/**
 * The public REST contract (API.md) as this page reads it: only the fields it shows or sends.
 * The page is a client like the QGIS plugin, so it declares what it relies on instead of
 * importing the server's schemas (which would also pull zod into the bundle).
 */

export interface RasterProfile {
  crs: string;
  count: number;
  pixel_size: [number, number];
  dtypes: string[];
}

export type MosaicStatus = 'EMPTY' | 'READY' | 'PROCESSING_IMAGES';

export interface Mosaic {
  id: string;
  name: string;
  tags: string[];
  created_at: string;
  updated_at: string;
  sizeInBytes: number;
  image_count: number;
  status: MosaicStatus;
  raster_profile: RasterProfile | null;
}

export interface ImageMetaData {
  crs: string;
  count: number;
  width: number;
  height: number;
  dtypes: string[];
  nodata: number | null;
  pixel_size: [number, number];
  /** One-based bands the previews show; null until rendered. */
  preview_bands: number[] | null;
  preview_alpha_band: number | null;
}

export type ImageStatus = 'UPLOADING' | 'VALIDATING' | 'READY' | 'REJECTED';

export interface Image {
  id: string;
  mosaic_id: string;
  filename: string;
  file_size: number;
  uploaded_at: string;
  status: ImageStatus;
  preview_status: 'PENDING' | 'READY' | 'FAILED';
  meta_data: ImageMetaData;
}

/** `GET /rest/rasters/memory`: bytes, and pixels per side for `maxPixelCount`. */
export interface Memory {
  memoryLimit: number;
  memoryUsed: number;
  memoryFree: number;
  memoryReserved: number;
  maxUploadFileSize: number;
  maxPixelCount: number;
  plan: string;
}

/** The catalog error envelope's `detail`: clients build their messages from these. */
export interface ErrorDetail {
  code: string;
  parameters: Record<string, unknown>;
}

export interface BulkDeleteResult {
  deleted: string[];
  failed: { id: string; detail: ErrorDetail }[];
}

export type { BlockCacheOptions } from './block-cached-source';
export { DEFAULT_BLOCK_CACHE } from './block-cached-source';
export type { Dtype } from './dtypes';
export { measuredRangeSource, type MeasuredRangeSource, type RangeSource } from './range-source';
export { RasterRejection, type RasterBadParameter, type RasterRejectionCode } from './raster-rejection';
export {
  validateGeoTiff,
  type RasterMetadata,
  type ValidatedRaster,
  type ValidateGeoTiffOptions,
} from './validate-geotiff';
export { applyGeoTransform, type GeoTransform } from './geotransform';
export { lonLatConverter, type LonLatConverter } from './lonlat-converter';

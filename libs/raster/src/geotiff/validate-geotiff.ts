import type { RasterProfile } from '../raster-profile';
import type { BlockCacheOptions } from './block-cached-source';
import { crsOf, type ResolvedCrs } from './crs';
import { dtypesOf, type Dtype } from './dtypes';
import { footprintOf, polygonWkt } from './footprint';
import { GeoKey, RASTER_PIXEL_IS_POINT } from './geokeys';
import { geoTransformOf, isDegenerate, pixelSizeOf, type GeoTransform } from './geotransform';
import { lonLatConverter, type LonLatConverter } from './lonlat-converter';
import { nodataOf } from './nodata';
import type { RangeSource } from './range-source';
import { RasterRejection, type RasterBadParameter } from './raster-rejection';
import { openTiff, TiffUnreadable, type TiffFile, type TiffHeader } from './tiff-directory.reader';

export interface ValidateGeoTiffOptions {
  /** The user's file name, echoed in every rejection. */
  filename: string;
  /** The stored object's size as ingest counted it: image data ending past it means a truncated file. */
  fileSize: number;
  /** The plan's limit (from the plan catalog, never a constant). */
  maxPixelsPerSide: number;
  /** Range-read block size and total read budget; the defaults suit GCS. */
  blockCache?: BlockCacheOptions;
}

/** API.md's Image `meta_data`, camel-cased: the transport maps `pixelSize` to `pixel_size`. */
export interface RasterMetadata {
  crs: string;
  count: number;
  width: number;
  height: number;
  dtypes: Dtype[];
  nodata: number | null;
  pixelSize: [number, number];
}

export interface ValidatedRaster {
  metadata: RasterMetadata;
  /** WKT POLYGON, EPSG:4326 lon lat, 5 points: corners NW, NE, SE, SW, NW in pixel terms. */
  footprint: string;
  /** What the mosaic's images must share (compareProfile). */
  profile: RasterProfile;
  /** Internal overview levels (reduced-resolution IFDs). */
  overviews: number;
}

/**
 * DESIGN.md upload saga step 3: decides from the header alone — read by range, so the cost does
 * not grow with the file — whether a stored file is a georeferenced GeoTIFF within the plan,
 * and extracts what the catalog needs. Throws RasterRejection with API.md's code otherwise.
 * Checks run cheapest and most fundamental first: readable (a layout some file can hold), size
 * within plan (before any byte beyond the first IFD), complete, georeferenced, on the globe.
 */
export async function validateGeoTiff(source: RangeSource, options: ValidateGeoTiffOptions): Promise<ValidatedRaster> {
  const { filename, maxPixelsPerSide } = options;
  const file = await opened(source, options);
  const { header } = file;
  const { width, height } = header;
  if (width > maxPixelsPerSide || height > maxPixelsPerSide) {
    throw RasterRejection.imageTooLarge(filename, width, height, maxPixelsPerSide);
  }
  await readable(filename, () => file.checkBlocks(options.fileSize));

  const georeference = await georeferenceOf(header);
  if ('bad' in georeference) throw RasterRejection.fileCheckFailed(filename, georeference.bad);
  const { crs, toLonLat, gt, dtypes } = georeference;

  const corners = footprintOf(gt, width, height, toLonLat);
  if (!corners) throw RasterRejection.imageOutOfBounds(filename);
  const pixelSize = pixelSizeOf(gt);
  const count = header.samplesPerPixel;
  return {
    metadata: { crs: crs.crs, count, width, height, dtypes, nodata: nodataOf(header.gdalNodata), pixelSize },
    footprint: polygonWkt(corners),
    profile: { crs: crs.crs, count, pixelSize },
    overviews: await file.overviewCount(),
  };
}

interface Georeference {
  crs: ResolvedCrs;
  toLonLat: LonLatConverter;
  gt: GeoTransform;
  dtypes: Dtype[];
}

/** Everything placing the pixels on the ground, or the names of what is missing (all of them). */
async function georeferenceOf(header: TiffHeader): Promise<Georeference | { bad: RasterBadParameter[] }> {
  const pixelIsPoint = header.geoKeys.number(GeoKey.GTRasterType) === RASTER_PIXEL_IS_POINT;
  const gt = geoTransformOf(header.modelTags, pixelIsPoint);
  const crs = await crsOf(header.geoKeys);
  const toLonLat = crs ? lonLatConverter(crs.proj4) : undefined;
  const dtypes = dtypesOf(header.bitsPerSample, header.sampleFormat, header.samplesPerPixel);
  if (crs && toLonLat && gt && !isDegenerate(gt) && dtypes) return { crs, toLonLat, gt, dtypes };
  const bad: RasterBadParameter[] = [];
  if (!crs || !toLonLat) bad.push('crs');
  if (!gt || isDegenerate(gt)) bad.push('geotransform');
  if (!dtypes) bad.push('dtypes');
  return { bad };
}

function opened(source: RangeSource, options: ValidateGeoTiffOptions): Promise<TiffFile> {
  return readable(options.filename, () => openTiff(source, options.blockCache));
}

async function readable<T>(filename: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TiffUnreadable) throw RasterRejection.fileOpenError(filename, error.message);
    throw error;
  }
}

import { fileRangeSource } from './file-range-source';
import { gdalReading } from './gdal.oracle';
import { validateGeoTiff, type ValidatedRaster } from '../validate-geotiff';

/** How close our footprint corners must be to GDAL's. */
export const DEGREES = 1e-7;

export async function validate(path: string, maxPixelsPerSide = 100_000): Promise<ValidatedRaster> {
  const source = await fileRangeSource(path);
  return validateGeoTiff(source, { filename: 'image.tif', fileSize: source.size, maxPixelsPerSide });
}

export function footprintPoints(wkt: string): [number, number][] {
  const ring = /^POLYGON\(\((.*)\)\)$/.exec(wkt)![1];
  return ring.split(', ').map((point) => point.split(' ').map(Number) as [number, number]);
}

export interface Deviations {
  /** Our CRS text where gdalsrsinfo's would misdescribe what GDAL itself transforms with. */
  crs?: string;
  /** GDAL leaves corners past ±180°/±90° as they are; our footprint clamps them onto the globe. */
  clamped?: boolean;
}

/** validateGeoTiff reads the file as GDAL does: metadata, profile, corners within DEGREES, overviews. */
export async function expectToMatchGdal(path: string, deviations: Deviations = {}): Promise<void> {
  const gdal = gdalReading(path);
  const { metadata, footprint, profile, overviews } = await validate(path);
  const crs = deviations.crs ?? gdal.crs;

  expect(metadata).toEqual({
    crs,
    count: gdal.count,
    width: gdal.width,
    height: gdal.height,
    dtypes: gdal.dtypes,
    nodata: gdal.nodata,
    pixelSize: gdal.pixelSize,
  });
  expect(profile).toEqual({ crs, count: gdal.count, pixelSize: gdal.pixelSize });
  const points = footprintPoints(footprint);
  expect(points).toHaveLength(5);
  expect(points[4]).toEqual(points[0]);
  const clamp = (value: number, limit: number) =>
    deviations.clamped ? Math.max(-limit, Math.min(limit, value)) : value;
  points.slice(0, 4).forEach(([lon, lat], i) => {
    expect(Math.abs(lon - clamp(gdal.corners[i][0], 180))).toBeLessThan(DEGREES);
    expect(Math.abs(lat - clamp(gdal.corners[i][1], 90))).toBeLessThan(DEGREES);
  });
  expect(overviews).toBe(gdal.overviews);
}

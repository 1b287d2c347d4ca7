import { RasterRejection } from './raster-rejection';
import { aGeoTiff, removeGeoTiffFixtures } from './testing/a-geotiff.builder';
import { expectToMatchGdal, validate } from './testing/gdal-agreement';

// Issue 11: global rasters whose edges sit on, or a float's breadth past, ±180°/±90° are read as
// GDAL reads them, their footprint clamped onto the globe; a whole pixel past is still refused.
afterAll(removeGeoTiffFixtures);

const WEB_MERCATOR_HALF = 20037508.342789244;

describe('validateGeoTiff on global rasters', () => {
  it.each<[string, string, number[], number, number]>([
    ['EPSG:4326 spanning exactly -180..180, -90..90', 'EPSG:4326', [-180, 1, 0, 90, 0, -1], 360, 180],
    [
      'EPSG:4326 whose edges lie float ulps past 180° and 90°',
      'EPSG:4326',
      [-179.99999999999986, 1, 0, 90.0000000006, 0, -1],
      360,
      180,
    ],
    [
      'EPSG:4326 with pixel centres on -180° and ±90° (half a pixel over, as ERA5 grids)',
      'EPSG:4326',
      [-180.125, 0.25, 0, 90.125, 0, -0.25],
      1440,
      721,
    ],
    [
      'the whole Web Mercator world (a zoom 0 tile)',
      'EPSG:3857',
      [-WEB_MERCATOR_HALF, (2 * WEB_MERCATOR_HALF) / 256, 0, WEB_MERCATOR_HALF, 0, (-2 * WEB_MERCATOR_HALF) / 256],
      256,
      256,
    ],
  ])('reads %s', async (_name, crs, geoTransform, width, height) => {
    await expectToMatchGdal(aGeoTiff({ crs, geoTransform, width, height }), { clamped: true });
  });

  it.each([
    ['more than half a pixel west of -180°', [-180.6, 1, 0, 90, 0, -1]],
    ['more than half a pixel north of 90°', [-180, 1, 0, 90.6, 0, -1]],
    ['a whole pixel past 180°', [-179, 1, 0, 90, 0, -1]],
  ])('rejects an image %s as ImageOutOfBounds', async (_name, geoTransform) => {
    const outcome = await validate(aGeoTiff({ crs: 'EPSG:4326', geoTransform, width: 360, height: 180 })).then(
      () => new Error('validated'),
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(RasterRejection);
    expect(outcome).toMatchObject({ code: 'ImageOutOfBounds', parameters: { filename: 'image.tif' } });
  });
});

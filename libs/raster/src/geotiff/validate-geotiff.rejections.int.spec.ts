import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RasterRejection } from './raster-rejection';
import { aGeoTiff, removeGeoTiffFixtures } from './testing/a-geotiff.builder';
import { fileRangeSource } from './testing/file-range-source';
import { validateGeoTiff } from './validate-geotiff';

const dir = mkdtempSync(join(tmpdir(), 'raster-rejections-'));
afterAll(() => {
  removeGeoTiffFixtures();
  rmSync(dir, { recursive: true, force: true });
});

async function rejectionOf(path: string, maxPixelsPerSide = 100_000): Promise<RasterRejection> {
  const source = await fileRangeSource(path);
  const outcome = await validateGeoTiff(source, {
    filename: 'upload.tif',
    fileSize: source.size,
    maxPixelsPerSide,
  }).then(
    () => new Error('validated'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(RasterRejection);
  return outcome as RasterRejection;
}

function fileWith(name: string, bytes: Buffer): string {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
}

describe('validateGeoTiff rejects, with API.md codes and parameters', () => {
  it('rejects an empty file as FileOpenError', async () => {
    const rejection = await rejectionOf(fileWith('empty.tif', Buffer.alloc(0)));
    expect(rejection).toMatchObject({ code: 'FileOpenError', parameters: { filename: 'upload.tif' } });
  });

  it('rejects an image that is not a TIFF (a PNG) as FileOpenError', async () => {
    const rejection = await rejectionOf(aGeoTiff({ format: 'PNG' }));
    expect(rejection).toMatchObject({ code: 'FileOpenError', parameters: { filename: 'upload.tif' } });
  });

  it('rejects a TIFF cut inside its header as FileOpenError', async () => {
    const whole = readFileSync(aGeoTiff());
    const rejection = await rejectionOf(fileWith('header-cut.tif', whole.subarray(0, 12)));
    expect(rejection.code).toBe('FileOpenError');
  });

  it('rejects a TIFF cut inside its pixel data (an interrupted copy) as FileOpenError', async () => {
    const whole = readFileSync(aGeoTiff({ width: 500, height: 400 }));
    const rejection = await rejectionOf(fileWith('data-cut.tif', whole.subarray(0, whole.length / 2)));
    expect(rejection).toMatchObject({ code: 'FileOpenError', parameters: { filename: 'upload.tif' } });
  });

  it('rejects a plain TIFF with neither CRS nor geotransform, naming both', async () => {
    const rejection = await rejectionOf(aGeoTiff({ crs: null, geoTransform: null }));
    expect(rejection.code).toBe('FileCheckFailed');
    expect(rejection.parameters).toEqual({ filename: 'upload.tif', bad_parameters: ['crs', 'geotransform'] });
  });

  it('rejects a geotransform without a CRS, naming crs', async () => {
    const rejection = await rejectionOf(aGeoTiff({ crs: null }));
    expect(rejection.parameters).toEqual({ filename: 'upload.tif', bad_parameters: ['crs'] });
  });

  it('rejects a CRS without a geotransform, naming geotransform', async () => {
    const rejection = await rejectionOf(aGeoTiff({ geoTransform: null }));
    expect(rejection.parameters).toEqual({ filename: 'upload.tif', bad_parameters: ['geotransform'] });
  });

  it('rejects an image georeferenced only by ground control points (it needs warping first)', async () => {
    const gcps: [number, number, number, number][] = [
      [0, 0, 500000, 4000000],
      [64, 0, 500640, 4000010],
      [0, 48, 499990, 3999520],
    ];
    const rejection = await rejectionOf(aGeoTiff({ geoTransform: null, gcps }));
    expect(rejection.parameters).toEqual({ filename: 'upload.tif', bad_parameters: ['geotransform'] });
  });

  it('rejects a side over the plan limit as ImageTooLarge with both sides and the limit', async () => {
    const rejection = await rejectionOf(aGeoTiff({ width: 640, height: 480 }), 500);
    expect(rejection.code).toBe('ImageTooLarge');
    expect(rejection.parameters).toEqual({ filename: 'upload.tif', width: 640, height: 480, max_pixels_per_side: 500 });
  });

  it('accepts a side exactly at the plan limit', async () => {
    const source = await fileRangeSource(aGeoTiff({ width: 500, height: 480 }));
    await expect(
      validateGeoTiff(source, { filename: 'upload.tif', fileSize: source.size, maxPixelsPerSide: 500 }),
    ).resolves.toMatchObject({ metadata: { width: 500, height: 480 } });
  });

  it.each([
    ['longitudes past 180', [170, 1, 0, 10, 0, -1]],
    ['latitudes past 90', [10, 1, 0, 120, 0, -1]],
  ])('rejects corners with %s as ImageOutOfBounds', async (_name, geoTransform) => {
    const rejection = await rejectionOf(aGeoTiff({ crs: 'EPSG:4326', geoTransform }));
    expect(rejection).toMatchObject({ code: 'ImageOutOfBounds', parameters: { filename: 'upload.tif' } });
  });
});

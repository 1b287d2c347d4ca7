import { DEFAULT_BLOCK_CACHE } from './block-cached-source';
import { RasterRejection } from './raster-rejection';
import { aTiffHeader, type TiffHeaderOptions } from './testing/a-tiff-header.builder';
import { bufferRangeSource } from './testing/file-range-source';
import { tiffBytes } from './testing/tiff-header.builder';
import { validateGeoTiff, type ValidatedRaster } from './validate-geotiff';

const options = { filename: 'scene.tif', maxPixelsPerSide: 100_000 };

function validateHeader(header: TiffHeaderOptions = {}): Promise<ValidatedRaster> {
  const { bytes, size } = aTiffHeader(header);
  return validateGeoTiff(bufferRangeSource(bytes, size), { ...options, fileSize: size });
}

async function rejectionOf(validation: Promise<unknown>): Promise<RasterRejection> {
  const error = await validation.then(
    () => new Error('validated'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RasterRejection);
  return error as RasterRejection;
}

describe('validateGeoTiff on hand-built headers', () => {
  it('decides ImageTooLarge for a 10^6 x 10^6 header from its first block alone', async () => {
    const { bytes, size } = aTiffHeader({ width: 1_000_000, height: 1_000_000, tile: 512 });
    const source = bufferRangeSource(bytes, size);
    expect(size).toBeGreaterThan(1e12);

    const rejection = await rejectionOf(validateGeoTiff(source, { ...options, fileSize: size }));

    expect(rejection.code).toBe('ImageTooLarge');
    expect(rejection.parameters).toEqual({
      filename: 'scene.tif',
      width: 1_000_000,
      height: 1_000_000,
      max_pixels_per_side: 100_000,
    });
    expect(source.reads).toBe(1);
    expect(source.bytesRead).toBe(DEFAULT_BLOCK_CACHE.blockSize);
    expect(bytes.length).toBeLessThan(DEFAULT_BLOCK_CACHE.blockSize);
  });

  it('decides ImageTooLarge for a header alone, whose tile arrays the file does not hold', async () => {
    const { bytes } = aTiffHeader({ width: 200_000, height: 200_000 });

    const rejection = await rejectionOf(
      validateGeoTiff(bufferRangeSource(bytes), { ...options, fileSize: bytes.length }),
    );

    expect(rejection.code).toBe('ImageTooLarge');
  });

  it('reads the default header: UTM 37N, 10 m pixels, footprint from the corners', async () => {
    const { metadata, footprint, profile, overviews } = await validateHeader();
    expect(metadata).toEqual({
      crs: 'EPSG:32637',
      count: 1,
      width: 1000,
      height: 1000,
      dtypes: ['uint8'],
      nodata: null,
      pixelSize: [10, 10],
    });
    expect(profile).toEqual({ crs: 'EPSG:32637', count: 1, pixelSize: [10, 10] });
    expect(footprint).toMatch(/^POLYGON\(\(39 36\.1\d+, 39\.1\d+ 36\.1\d+, .*\)\)$/);
    expect(overviews).toBe(0);
  });

  it.each([
    ['big-endian TIFF', { littleEndian: false }],
    ['little-endian BigTIFF', { bigTiff: true }],
    ['big-endian BigTIFF', { bigTiff: true, littleEndian: false }],
  ])('reads a %s the same way, offset arrays beyond the IFD included', async (_name, layout) => {
    // 1416 tiles: offset arrays too long for the IFD's first slice, so geotiff.js defers them.
    const wide = { width: 30_000, height: 3000 };
    const reference = await validateHeader(wide);
    await expect(validateHeader({ ...layout, ...wide })).resolves.toEqual(reference);
    const truncated = await rejectionOf(validateHeader({ ...layout, ...wide, truncateBy: 1 }));
    expect(truncated.code).toBe('FileOpenError');
  });

  it('reads 4 bands of float32 with a nodata value', async () => {
    const { metadata } = await validateHeader({
      samplesPerPixel: 4,
      bitsPerSample: [32, 32, 32, 32],
      sampleFormat: [3],
      nodata: '-9999',
    });
    expect(metadata).toMatchObject({ count: 4, dtypes: ['float32', 'float32', 'float32', 'float32'], nodata: -9999 });
  });

  it('rejects a file shorter than its image data (a truncated upload) as FileOpenError', async () => {
    const rejection = await rejectionOf(validateHeader({ truncateBy: 1 }));
    expect(rejection).toMatchObject({ code: 'FileOpenError', parameters: { filename: 'scene.tif' } });
  });

  it('rejects a sample layout with no data type (12-bit signed) naming dtypes', async () => {
    const rejection = await rejectionOf(validateHeader({ bitsPerSample: [12], sampleFormat: [2] }));
    expect(rejection.parameters).toEqual({ filename: 'scene.tif', bad_parameters: ['dtypes'] });
  });

  it('rejects an EPSG code that names no CRS, naming crs', async () => {
    const rejection = await rejectionOf(
      validateHeader({
        geoKeys: [
          [1024, 1],
          [3072, 9999],
        ],
      }),
    );
    expect(rejection.parameters).toEqual({ filename: 'scene.tif', bad_parameters: ['crs'] });
  });

  it('rejects a header with no pixels as FileOpenError', async () => {
    expect((await rejectionOf(validateHeader({ width: 0 }))).code).toBe('FileOpenError');
  });

  it('rejects a header whose tag claims gigabytes, without reading them', async () => {
    const fields = aTiffHeaderFields();
    const bytes = tiffBytes([
      ...fields,
      { tag: 34737, type: 'ASCII', values: [], virtual: { offset: 4096, count: 2 ** 31 } },
    ]);
    const source = bufferRangeSource(bytes, 2 ** 40);
    const rejection = await rejectionOf(validateGeoTiff(source, { ...options, fileSize: 2 ** 40 }));
    expect(rejection.code).toBe('FileOpenError');
    expect(source.bytesRead).toBeLessThanOrEqual(DEFAULT_BLOCK_CACHE.maxBytes);
  });

  it('stops counting overviews at an IFD chain that loops back on itself', async () => {
    const { bytes, size } = aTiffHeader();
    const looped = Buffer.from(bytes);
    const entries = looped.readUInt16LE(8);
    looped.writeUInt32LE(8, 8 + 2 + entries * 12); // the next-IFD link points at the first IFD again
    const result = await validateGeoTiff(bufferRangeSource(looped, size), { ...options, fileSize: size });
    expect(result.overviews).toBe(0);
  });
});

function aTiffHeaderFields() {
  return [
    { tag: 256, type: 'LONG' as const, values: [10] },
    { tag: 257, type: 'LONG' as const, values: [10] },
  ];
}

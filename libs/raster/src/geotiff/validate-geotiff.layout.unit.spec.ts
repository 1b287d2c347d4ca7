import { DEFAULT_BLOCK_CACHE } from './block-cached-source';
import { RasterRejection } from './raster-rejection';
import { aTiffHeader, type TiffHeaderOptions } from './testing/a-tiff-header.builder';
import { bufferRangeSource } from './testing/file-range-source';
import { validateGeoTiff, type ValidatedRaster } from './validate-geotiff';

// Issue 11, hostile input: a header that describes an image no file can hold is refused from the
// header alone, as FileOpenError with exactly API.md's parameters; the reason is for the logs.
const options = { filename: 'scene.tif', maxPixelsPerSide: 100_000 };

function validateHeader(header: TiffHeaderOptions, size?: number): Promise<ValidatedRaster> {
  const built = aTiffHeader(header);
  const fileSize = size ?? built.size;
  return validateGeoTiff(bufferRangeSource(built.bytes, fileSize), { ...options, fileSize });
}

async function rejectionOf(validation: Promise<unknown>): Promise<RasterRejection> {
  const error = await validation.then(
    () => new Error('validated'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RasterRejection);
  return error as RasterRejection;
}

async function expectFileOpenError(validation: Promise<unknown>, reason: RegExp): Promise<void> {
  const rejection = await rejectionOf(validation);
  expect(rejection.code).toBe('FileOpenError');
  expect(rejection.parameters).toEqual({ filename: 'scene.tif' });
  expect(rejection.message).toMatch(reason);
}

describe('validateGeoTiff refuses impossible block layouts', () => {
  it.each<[string, TiffHeaderOptions, RegExp]>([
    ['a TileWidth of 0', { tile: [0, 256], blockEntries: 16 }, /TileWidth 0/],
    ['a TileLength of 0', { tile: [256, 0], blockEntries: 16 }, /TileLength 0/],
    ['a TileWidth over 65536', { tile: [65552, 256], blockEntries: 4 }, /TileWidth 65552/],
    ['a RowsPerStrip of 0', { rowsPerStrip: 0, blockEntries: 16 }, /RowsPerStrip 0/],
    ['fewer TileOffsets than tiles', { blockEntries: 15 }, /15 .*16 blocks/],
    ['more TileOffsets than tiles', { blockEntries: 17 }, /17 .*16 blocks/],
    ['fewer StripOffsets than strips', { rowsPerStrip: 16, blockEntries: 62 }, /62 .*63 blocks/],
    ['one block per tile for a band-separate image', { planar: true, samplesPerPixel: 3, blockEntries: 16 }, /48/],
  ])('rejects %s', async (_name, header, reason) => {
    await expectFileOpenError(validateHeader(header), reason);
  });

  it('rejects 10^10 one-pixel tiles without reading the offset arrays', async () => {
    // 100000 x 100000 is within the plan; its 1x1 tiles would need arrays of 80 GB.
    const { bytes, size } = aTiffHeader({ width: 100_000, height: 100_000, tile: 1, blockEntries: 2 ** 32 - 1 });
    const source = bufferRangeSource(bytes, size);
    await expectFileOpenError(validateGeoTiff(source, { ...options, fileSize: size }), /blocks/);
    expect(source.bytesRead).toBeLessThanOrEqual(DEFAULT_BLOCK_CACHE.blockSize);
  });

  it('rejects a tile in the middle of the image that lies past the end of the file', async () => {
    const header = { blockOffset: (index: number, packed: number) => (index === 5 ? 2 ** 31 : packed) };
    await expectFileOpenError(validateHeader(header), /block 5/);
  });

  it('rejects a block whose offset and byte count overflow (BigTIFF)', async () => {
    const header = { bigTiff: true, blockOffset: (index: number, packed: number) => (index === 15 ? 2 ** 63 : packed) };
    // geotiff.js already refuses offsets beyond 2^53 in the values it reads; the reason is its own.
    await expectFileOpenError(validateHeader(header), /MAX_SAFE_INTEGER|block 15/);
  });

  it('rejects offset arrays that lie past the end of the file', async () => {
    // 30889 tiles: arrays beyond the header, cut off by a file that ends right after it.
    const header = { width: 100_000, height: 20_000 };
    await expectFileOpenError(validateHeader(header, aTiffHeader(header).bytes.length + 100), /past the end/);
  });

  it.each([
    ['past the end of the file', 10 ** 9],
    ['inside the TIFF header', 0],
  ])('rejects a first IFD %s', async (_name, firstIfdAt) => {
    await expectFileOpenError(validateHeader({ firstIfdAt }), /IFD/);
  });
});

describe('validateGeoTiff refuses impossible samples', () => {
  it.each<[string, TiffHeaderOptions, RegExp]>([
    ['no pixels', { width: 0 }, /0x1000 pixels/],
    ['BitsPerSample 0', { bitsPerSample: [0] }, /BitsPerSample 0/],
    ['BitsPerSample over 128', { bitsPerSample: [200] }, /BitsPerSample 200/],
    ['SamplesPerPixel 0', { samplesPerPixel: 0, bitsPerSample: [8] }, /SamplesPerPixel 0/],
    ['SamplesPerPixel 20000', { samplesPerPixel: 20_000, bitsPerSample: [8] }, /SamplesPerPixel 20000/],
  ])('rejects %s', async (_name, header, reason) => {
    await expectFileOpenError(validateHeader(header), reason);
  });
});

describe('validateGeoTiff reads the layouts real files have', () => {
  it.each<[string, TiffHeaderOptions, number]>([
    ['strips without RowsPerStrip (one strip)', { rowsPerStrip: 'absent' }, 1],
    ['strips of 16 rows', { rowsPerStrip: 16 }, 1],
    ['band-separate tiles, one block per band', { planar: true, samplesPerPixel: 3 }, 3],
    ['band-separate strips', { planar: true, samplesPerPixel: 2, rowsPerStrip: 100 }, 2],
    ['tiles of 100 px (not a multiple of 16: libtiff warns, GDAL reads)', { tile: 100 }, 1],
    ['tiles larger than the image', { width: 100, height: 60, tile: 512 }, 1],
  ])('reads %s', async (_name, header, bands) => {
    await expect(validateHeader(header)).resolves.toMatchObject({ metadata: { count: bands } });
  });
});

describe('validateGeoTiff ends an IFD chain that loops', () => {
  it.each([
    ['back to the first IFD (a 2-IFD loop)', 1, 0],
    ['to itself (an overview linking to itself)', 2, 2],
    ['back to an earlier overview', 3, 1],
  ])('counts each overview once when the chain loops %s', async (_name, overviews, lastLinksTo) => {
    await expect(validateHeader({ overviews, lastLinksTo })).resolves.toMatchObject({ overviews });
  });

  it('reads the first IFD when it links to itself', async () => {
    await expect(validateHeader({ lastLinksTo: 0 })).resolves.toMatchObject({ overviews: 0 });
  });
});

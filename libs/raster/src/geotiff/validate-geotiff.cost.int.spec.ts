import { statSync } from 'node:fs';
import { DEFAULT_BLOCK_CACHE } from './block-cached-source';
import { aGeoTiff, removeGeoTiffFixtures, type GeoTiffOptions } from './testing/a-geotiff.builder';
import { fileRangeSource } from './testing/file-range-source';
import { validateGeoTiff } from './validate-geotiff';

afterAll(removeGeoTiffFixtures);

async function readCost(options: GeoTiffOptions): Promise<{ fileSize: number; bytesRead: number; reads: number }> {
  const path = aGeoTiff({ compress: 'NONE', ...options });
  const source = await fileRangeSource(path);
  await validateGeoTiff(source, { filename: 'image.tif', fileSize: source.size, maxPixelsPerSide: 100_000 });
  return { fileSize: statSync(path).size, bytesRead: source.bytesRead, reads: source.reads };
}

describe('validation cost', () => {
  it('reads about as many bytes from a 200 MB file as from a 1 MB one: the header, never pixels', async () => {
    const small = await readCost({ width: 1024, height: 1024 });
    const large = await readCost({ width: 14142, height: 14142 });

    expect(small.fileSize).toBeGreaterThan(1_000_000);
    expect(large.fileSize).toBeGreaterThan(200_000_000);
    // Measured: 16384 bytes in 1 read against 32774 bytes in 4. The large file's strip arrays
    // (~56 KB each) push its GeoKeys into a second block; of the arrays only two entries are read.
    expect(large.bytesRead).toBeLessThanOrEqual(small.bytesRead + 2 * DEFAULT_BLOCK_CACHE.blockSize);
    expect(large.bytesRead).toBeLessThanOrEqual(4 * DEFAULT_BLOCK_CACHE.blockSize);
    expect(large.reads).toBeLessThanOrEqual(4);
  });

  // Measured: 32768 bytes against 65536 (gdaladdo appends overview IFDs at the end of the file).
  it('reads about as many bytes from a tiled 200 MB file with overviews as from a small one', async () => {
    const small = await readCost({ width: 1024, height: 1024, tiled: true, overviews: [2, 4] });
    const large = await readCost({ width: 14142, height: 14142, tiled: true, overviews: [2, 4] });
    expect(large.bytesRead).toBeLessThanOrEqual(small.bytesRead + 4 * DEFAULT_BLOCK_CACHE.blockSize);
    expect(large.bytesRead).toBeLessThanOrEqual(8 * DEFAULT_BLOCK_CACHE.blockSize);
  });
});

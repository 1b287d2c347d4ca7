import { aGeoTiff, removeGeoTiffFixtures, type GeoTiffOptions } from '../geotiff/testing/a-geotiff.builder';
import { fileRangeSource } from '../geotiff/testing/file-range-source';
import { openPixels } from './decimated-grid.reader';
import { fitWithin, sampleIndices } from './preview-geometry';

// The reader copies sampled values out of decoded strips and tiles, whole rows at a time where it
// can: every layout must give exactly the values at the sampled positions, planar or interleaved.

const value = (band: number, x: number, y: number) => (x * 3 + y * 5 + band * 70) % 251;

async function read(options: GeoTiffOptions, samples: number[], box: number) {
  const width = options.width!;
  const height = options.height!;
  const pixels = await openPixels(await fileRangeSource(aGeoTiff({ ...options, pixels: value })));
  const grid = fitWithin({ width, height }, box);
  const planar = await pixels.readGrid(0, grid, samples);
  const interleaved = await pixels.readInterleaved(0, grid, samples);
  const [rows, cols] = [sampleIndices(height, grid.height), sampleIndices(width, grid.width)];
  const at = (i: number, band: number) => value(band, cols[i % grid.width], rows[Math.floor(i / grid.width)]);
  const cells = grid.width * grid.height;
  // Byte files: compared as bytes, since comparing arrays of a million numbers takes Jest seconds.
  return {
    planar: planar.samples.map((band) => Buffer.from(band as Uint8Array)),
    interleaved: Buffer.from(interleaved.values as Uint8Array),
    expected: samples.map((band) => Buffer.from(Uint8Array.from({ length: cells }, (_, i) => at(i, band)))),
    expectedInterleaved: Buffer.from(
      Uint8Array.from({ length: cells * samples.length }, (_, i) =>
        at(Math.floor(i / samples.length), samples[i % samples.length]),
      ),
    ),
  };
}

afterAll(() => removeGeoTiffFixtures());

describe('openPixels reads the values at the sampled positions', () => {
  it.each<[string, GeoTiffOptions, number[], number]>([
    ['RGB tiles read whole (rows copied as they are)', { bands: 3, tiled: true }, [0, 1, 2], 1024],
    ['RGB tiles decimated', { bands: 3, tiled: true }, [0, 1, 2], 100],
    ['RGB strips, one band asked for', { bands: 3 }, [1], 1024],
    ['four bands, the first three asked for', { bands: 4, tiled: true }, [0, 1, 2], 1024],
    ['four bands in another order', { bands: 4 }, [3, 0, 2], 300],
    ['band-interleaved tiles', { bands: 3, tiled: true, interleave: 'BAND' }, [0, 1, 2], 1024],
    ['band-interleaved strips decimated', { bands: 3, interleave: 'BAND' }, [2, 0], 77],
    ['one band, Deflate tiles', { bands: 1, tiled: true, compress: 'DEFLATE' }, [0], 1024],
  ])('%s', async (_, layout, samples, box) => {
    const { planar, interleaved, expected, expectedInterleaved } = await read(
      { width: 700, height: 530, ...layout },
      samples,
      box,
    );
    expect(planar).toHaveLength(samples.length);
    planar.forEach((band, s) => expect(band.equals(expected[s])).toBe(true));
    expect(interleaved.equals(expectedInterleaved)).toBe(true);
  });
});

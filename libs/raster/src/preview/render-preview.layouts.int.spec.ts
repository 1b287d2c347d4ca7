import { aGeoTiff, removeGeoTiffFixtures, type GeoTiffOptions } from '../geotiff/testing/a-geotiff.builder';
import { fileRangeSource } from '../geotiff/testing/file-range-source';
import { gdalReading } from '../geotiff/testing/gdal.oracle';
import { renderPreview } from './render-preview';

// The renderer decodes strips and tiles itself and reads their samples through typed arrays: every
// way GDAL can lay the same pixels out must give the very same preview, byte for byte.

// Wider than the 2048-pixel sampling grid, so columns are decimated, not read whole. Values stay
// below 2048: exact in 12 bits and in half floats too.
const same = {
  width: 2500,
  height: 300,
  bands: 3,
  pixels: (band: number, x: number, y: number) => 50 + ((x * 7 + y * 3 + band * 300) % 1900),
} as const;

async function render(options: GeoTiffOptions) {
  const path = aGeoTiff(options);
  const reading = gdalReading(path);
  return renderPreview(await fileRangeSource(path), { dtypes: reading.dtypes, nodata: reading.nodata });
}

afterAll(() => removeGeoTiffFixtures());

describe('renderPreview reads every sample layout alike', () => {
  let reference: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    reference = await render({ ...same, dtype: 'UInt16' });
  });

  it.each<[string, GeoTiffOptions]>([
    ['band-interleaved tiles', { dtype: 'UInt16', tiled: true, interleave: 'BAND' }],
    ['big-endian strips', { dtype: 'UInt16', creationOptions: ['ENDIANNESS=BIG'] }],
    [
      'big-endian band-interleaved tiles',
      { dtype: 'UInt16', tiled: true, interleave: 'BAND', creationOptions: ['ENDIANNESS=BIG'] },
    ],
    ['LZW with the horizontal predictor', { dtype: 'UInt16', compress: 'LZW', creationOptions: ['PREDICTOR=2'] }],
    [
      'Deflate tiles with the horizontal predictor',
      { dtype: 'UInt16', compress: 'DEFLATE', tiled: true, creationOptions: ['PREDICTOR=2'] },
    ],
    ['12-bit packed samples', { dtype: 'UInt16', creationOptions: ['NBITS=12'] }],
    ['32-bit integers', { dtype: 'Int32' }],
    [
      'float32 with the floating-point predictor',
      { dtype: 'Float32', compress: 'DEFLATE', creationOptions: ['PREDICTOR=3'] },
    ],
    ['half floats', { dtype: 'Float32', creationOptions: ['NBITS=16'] }],
    ['float64, big-endian', { dtype: 'Float64', creationOptions: ['ENDIANNESS=BIG'] }],
  ])('%s', async (_, layout) => {
    const preview = await render({ ...same, ...layout });
    expect(preview.stretch).toEqual(reference.stretch);
    expect(preview.renditions.l.bytes.equals(reference.renditions.l.bytes)).toBe(true);
    expect(preview.renditions.s.bytes.equals(reference.renditions.s.bytes)).toBe(true);
  });

  it('signed 16-bit values below zero are stretched like any others', async () => {
    const shifted = await render({ ...same, dtype: 'Int16', pixels: (b, x, y) => same.pixels(b, x, y) - 1000 });
    expect(shifted.stretch).toEqual(reference.stretch!.map(([low, high]) => [low - 1000, high - 1000]));
    expect(shifted.renditions.l.bytes.equals(reference.renditions.l.bytes)).toBe(true);
  });
});

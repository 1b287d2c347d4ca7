import type { GeoTiffOptions } from '../../libs/raster/src/geotiff/testing/a-geotiff.builder';

/** A file the previews bench renders; COGs are held to the 100 ms target. */
export interface BenchFile {
  label: string;
  cog: boolean;
  /**
   * Also rendered from the stack's GCS emulator when it is up. Not the gigabyte file: the
   * emulator holds what it is sent in memory, and the stack is shared.
   */
  viaEmulator?: boolean;
  options: GeoTiffOptions;
}

/** Noise 0–63 that no compressor predicts, so files compress about as real imagery does. */
function grain(x: number, y: number): number {
  let h = Math.imul(x, 73856093) ^ Math.imul(y, 19349663);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return h >>> 26;
}

/** Fields a few hundred pixels across, a ramp, and grain: something to see, and to compress. */
function scene(x: number, y: number, band: number): number {
  return (((x >> 7) * 37 + (y >> 7) * 91 + band * 50) & 127) + ((x + y) & 63) + grain(x, y);
}

/**
 * For the gigabyte COG: written in half the time (nearest-neighbour overviews, fast Deflate), and
 * no less realistic for a render, which reads one overview.
 */
const QUICK_COG = ['RESAMPLING=NEAREST', 'LEVEL=1'];
const RGB = ['Red', 'Green', 'Blue'];

export const BENCH_FILES: BenchFile[] = [
  {
    label: 'COG 10k×10k RGB 8-bit',
    cog: true,
    viaEmulator: true,
    options: {
      width: 10_000,
      height: 10_000,
      bands: 3,
      format: 'COG',
      compress: 'DEFLATE',
      colorInterp: RGB,
      pixels: (b, x, y) => scene(x, y, b),
    },
  },
  {
    label: 'COG 30k×30k 1-band 16-bit',
    cog: true,
    options: {
      width: 30_000,
      height: 30_000,
      dtype: 'UInt16',
      format: 'COG',
      compress: 'DEFLATE',
      creationOptions: QUICK_COG,
      pixels: (_, x, y) => 1000 + scene(x, y, 0) * 8,
    },
  },
  {
    label: 'striped 10k×10k RGB 8-bit, uncompressed',
    cog: false,
    options: { width: 10_000, height: 10_000, bands: 3, colorInterp: RGB, pixels: (b, x, y) => scene(x, y, b) },
  },
  {
    label: 'tiled 6k×6k 4-band 16-bit, no overviews',
    cog: false,
    options: {
      width: 6000,
      height: 6000,
      bands: 4,
      dtype: 'UInt16',
      tiled: true,
      compress: 'DEFLATE',
      pixels: (b, x, y) => 200 + scene(x, y, b) * 12,
    },
  },
  {
    label: 'tiled 8k×8k float32 with NaN, no overviews',
    cog: false,
    options: {
      width: 8000,
      height: 8000,
      dtype: 'Float32',
      tiled: true,
      compress: 'DEFLATE',
      nodata: 'nan',
      pixels: (_, x, y) => (x + y < 3000 ? NaN : Math.sin(x / 300) * Math.cos(y / 500) * 40 + grain(x, y) / 16),
    },
  },
];

import { GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { BlockCachedSource } from '../geotiff/block-cached-source';
import type { RangeSource } from '../geotiff/range-source';
import { sampleIndices, type Size } from './preview-geometry';

/** Pixel values at evenly spaced positions of one resolution level: what a preview is made from. */
export interface DecimatedGrid extends Size {
  /** One array per requested sample, row-major, `width * height` values in the file's type. */
  samples: ArrayLike<number>[];
  /** The level read: the full resolution (0) or an overview, and its size. */
  level: { index: number; width: number; height: number };
}

export interface PixelReadOptions {
  /** Range reads of this many bytes; strips and tiles are read through a small window of them. */
  blockSize: number;
  /** Blocks held at once: bounds memory whatever the file's size. */
  maxBlocksHeld: number;
  /** Widest window decoded at once, in pixels, for tiled files (a strip is always decoded whole). */
  maxWindowWidth: number;
}

export const DEFAULT_PIXEL_READ: PixelReadOptions = { blockSize: 1 << 20, maxBlocksHeld: 24, maxWindowWidth: 4096 };

const TAG = { newSubfileType: 254, extraSamples: 338 } as const;
const REDUCED_IMAGE = 1;
const MASK = 4;
/** More IFDs than any overview pyramid has; also ends a crafted chain. */
const MAX_IFDS = 64;

export interface OpenedPixels {
  /** Full resolution first, then the overviews; masks excluded. */
  levels: (Size & { index: number })[];
  samplesPerPixel: number;
  extraSamples: number[];
  /** Reads `samples` of `level` at `grid` evenly spaced positions. */
  readGrid(levelIndex: number, grid: Size, samples: number[]): Promise<DecimatedGrid>;
}

/**
 * Opens a TIFF for pixel reading by range: only the chosen level's strips or tiles are fetched,
 * and of those only the block rows holding a sampled row, so a COG's preview reads one small
 * overview and a striped file is decoded one strip at a time.
 */
export async function openPixels(source: RangeSource, options = DEFAULT_PIXEL_READ): Promise<OpenedPixels> {
  const blocks = new BlockCachedSource(source, {
    blockSize: options.blockSize,
    maxBytes: Number.MAX_SAFE_INTEGER,
    maxBlocksHeld: options.maxBlocksHeld,
  });
  const tiff = await GeoTIFF.fromSource(blocks);
  const images = await levelsOf(tiff);
  const first = images[0].image;
  return {
    levels: images.map(({ image, index }) => ({ index, width: image.getWidth(), height: image.getHeight() })),
    samplesPerPixel: first.getSamplesPerPixel(),
    extraSamples: numbers(first.fileDirectory.getValue(TAG.extraSamples as never)),
    readGrid: (levelIndex, grid, samples) =>
      readGrid(
        images.find((l) => l.index === levelIndex)!,
        grid,
        samples,
        options,
      ),
  };
}

async function levelsOf(tiff: GeoTIFF): Promise<{ index: number; image: GeoTIFFImage }[]> {
  const first = await tiff.getImage(0);
  const levels = [{ index: 0, image: first }];
  for (let index = 1; index < MAX_IFDS; index++) {
    let image: GeoTIFFImage;
    try {
      image = await tiff.getImage(index);
    } catch {
      break; // no more IFDs (or a broken link: the levels before it are still sound)
    }
    const subfileType = numbers(image.fileDirectory.getValue(TAG.newSubfileType as never))[0] ?? 0;
    const isOverview = subfileType & REDUCED_IMAGE && !(subfileType & MASK);
    if (isOverview && image.getSamplesPerPixel() === first.getSamplesPerPixel()) levels.push({ index, image });
  }
  return levels;
}

async function readGrid(
  { index, image }: { index: number; image: GeoTIFFImage },
  grid: Size,
  samples: number[],
  options: PixelReadOptions,
): Promise<DecimatedGrid> {
  const width = image.getWidth();
  const height = image.getHeight();
  const rows = sampleIndices(height, grid.height);
  const cols = sampleIndices(width, grid.width);
  // Float32 keeps every 16-bit value exactly and float data well past what a preview shows.
  const out = samples.map(() => new Float32Array(grid.width * grid.height));
  const blockHeight = image.getTileHeight();
  const tiled = image.isTiled;
  const chunk = tiled
    ? Math.max(1, Math.floor(options.maxWindowWidth / image.getTileWidth())) * image.getTileWidth()
    : width;

  let row = 0;
  while (row < rows.length) {
    const top = Math.floor(rows[row] / blockHeight) * blockHeight;
    const bottom = Math.min(height, top + blockHeight);
    const firstRow = row;
    while (row < rows.length && rows[row] < bottom) row++;
    for (let left = 0; left < width; left += chunk) {
      const right = Math.min(width, left + chunk);
      const window = [left, top, right, bottom];
      const read = (await image.readRasters({ window, samples, interleave: false })) as unknown as ArrayLike<number>[];
      const windowWidth = right - left;
      for (let r = firstRow; r < row; r++) {
        const rowOffset = (rows[r] - top) * windowWidth;
        for (let c = 0; c < cols.length; c++) {
          const x = cols[c];
          if (x < left || x >= right) continue;
          for (let s = 0; s < samples.length; s++) out[s][r * grid.width + c] = read[s][rowOffset + x - left];
        }
      }
    }
  }
  return { ...grid, samples: out, level: { index, width, height } };
}

function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<number>, Number);
  return [];
}

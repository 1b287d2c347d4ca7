import { GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { BlockCachedSource } from '../geotiff/block-cached-source';
import { guardedImage } from '../geotiff/guarded-image';
import type { RangeSource } from '../geotiff/range-source';
import { loadBigEndianBlockOffsets } from './block-offsets';
import type { SampleArray } from './block-samples';
import { sampleLevel, type SampleOrder } from './level-sampler';
import type { Size } from './preview-geometry';

/** Pixel values at evenly spaced positions of one resolution level: what a preview is made from. */
export interface DecimatedGrid extends Size {
  /** One array per requested sample, row-major, `width * height` values in the file's type. */
  samples: SampleArray[];
  /** The level read: the full resolution (0) or an overview, and its size. */
  level: { index: number; width: number; height: number };
}

/** The same values with each position's samples side by side, as an image's raw pixels are. */
export interface InterleavedGrid extends Size {
  /** `width * height * samples.length` values, row-major, in the file's type. */
  values: SampleArray;
  level: DecimatedGrid['level'];
}

export interface PixelReadOptions {
  /** Range reads of this many bytes; strips and tiles are read through a small window of them. */
  blockSize: number;
  /** Blocks held at once: bounds memory whatever the file's size. */
  maxBlocksHeld: number;
  /**
   * Strips or tiles read and decoded at once: range reads overlap, and Deflate runs on every
   * core. Each is dropped once its sampled pixels are copied, so this bounds decoded memory.
   */
  blocksInFlight: number;
}

export const DEFAULT_PIXEL_READ: PixelReadOptions = { blockSize: 1 << 20, maxBlocksHeld: 24, blocksInFlight: 8 };

const TAG = { newSubfileType: 254, photometric: 262, colorMap: 320, extraSamples: 338 } as const;
const PHOTOMETRIC_PALETTE = 3;
const REDUCED_IMAGE = 1;
const MASK = 4;
/** More IFDs than any overview pyramid has; also ends a crafted chain. */
const MAX_IFDS = 64;

export interface OpenedPixels {
  /** Full resolution first, then the overviews; masks excluded. */
  levels: (Size & { index: number })[];
  samplesPerPixel: number;
  extraSamples: number[];
  /** A palette image's ColorMap (TIFF layout: reds, greens, blues); null for any other image. */
  colorMap: number[] | null;
  /** Reads `samples` of `level` at `grid` evenly spaced positions. */
  readGrid(levelIndex: number, grid: Size, samples: number[]): Promise<DecimatedGrid>;
  /** The same, interleaved: for 8-bit bands shown as they are, the preview's pixels as they stand. */
  readInterleaved(levelIndex: number, grid: Size, samples: number[]): Promise<InterleavedGrid>;
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
    directReadBytes: options.blockSize / 4,
  });
  const tiff = await GeoTIFF.fromSource(blocks);
  const images = await levelsOf(tiff, blocks);
  const first = images[0].image;
  const read = async (levelIndex: number, grid: Size, samples: number[], order: SampleOrder) => {
    const { image } = images.find((l) => l.index === levelIndex)!;
    await loadBigEndianBlockOffsets(image, blocks);
    const values = await sampleLevel(image, grid, samples, order, options.blocksInFlight);
    return { ...grid, values, level: { index: levelIndex, width: image.getWidth(), height: image.getHeight() } };
  };
  return {
    levels: images.map(({ image, index }) => ({ index, width: image.getWidth(), height: image.getHeight() })),
    samplesPerPixel: first.getSamplesPerPixel(),
    extraSamples: numbers(first.fileDirectory.getValue(TAG.extraSamples as never)),
    colorMap: await colorMapOf(first),
    readGrid: async (levelIndex, grid, samples) => {
      const { values, ...rest } = await read(levelIndex, grid, samples, 'planar');
      return { ...rest, samples: values };
    },
    readInterleaved: async (levelIndex, grid, samples) => {
      const { values, ...rest } = await read(levelIndex, grid, samples, 'interleaved');
      return { ...rest, values: values[0] };
    },
  };
}

async function levelsOf(tiff: GeoTIFF, blocks: BlockCachedSource): Promise<{ index: number; image: GeoTIFFImage }[]> {
  const first = await guardedImage(tiff, blocks, 0);
  const levels = [{ index: 0, image: first }];
  for (let index = 1; index < MAX_IFDS; index++) {
    let image: GeoTIFFImage;
    try {
      image = await guardedImage(tiff, blocks, index);
    } catch {
      break; // no more IFDs (or a broken link: the levels before it are still sound)
    }
    const subfileType = numbers(image.fileDirectory.getValue(TAG.newSubfileType as never))[0] ?? 0;
    const isOverview = subfileType & REDUCED_IMAGE && !(subfileType & MASK);
    if (isOverview && image.getSamplesPerPixel() === first.getSamplesPerPixel()) levels.push({ index, image });
  }
  return levels;
}

async function colorMapOf(image: GeoTIFFImage): Promise<number[] | null> {
  const photometric = numbers(image.fileDirectory.getValue(TAG.photometric as never))[0];
  if (photometric !== PHOTOMETRIC_PALETTE || image.getSamplesPerPixel() !== 1) return null;
  const colorMap = numbers(await image.fileDirectory.loadValue(TAG.colorMap));
  return colorMap.length >= 3 ? colorMap : null;
}

function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<number>, Number);
  return [];
}

import sharp from 'sharp';
import type { RangeSource } from '../geotiff/range-source';
import { chooseBands, type BandLayout } from './band-layout';
import {
  openPixels,
  DEFAULT_PIXEL_READ,
  type DecimatedGrid,
  type OpenedPixels,
  type PixelReadOptions,
} from './decimated-grid.reader';
import { paletteToRgb } from './palette';
import { toEightBit, type EightBitImage } from './eight-bit';
import { chooseLevel, fitWithin, type Size } from './preview-geometry';

/** The renditions API.md names: `s` fits 256 px, `l` fits 1024 px. */
export const PREVIEW_SIZES = { s: 256, l: 1024 } as const;
export type PreviewSize = keyof typeof PREVIEW_SIZES;

export interface Rendition extends Size {
  format: 'png' | 'jpeg';
  bytes: Buffer;
}

export interface RenderedPreview {
  renditions: Record<PreviewSize, Rendition>;
  /** One-based bands shown (grey or red, green, blue) and the alpha band, as the metadata tells users. */
  bands: { shown: number[]; alpha: number | null };
  /** Per shown band, the values stretched to 0 and 255; null for 8-bit images (shown as they are). */
  stretch: [number, number][] | null;
  /** Which level was read: 0 is full resolution, else an overview. */
  level: { index: number; width: number; height: number };
}

export interface RenderPreviewOptions {
  /** From the validated metadata: pixel type per band and the nodata value. */
  dtypes: readonly string[];
  nodata: number | null;
  pixelRead?: PixelReadOptions;
}

/**
 * Every source pixel is sampled on a grid this many times finer than `l` (per side), then
 * resampled by libvips: enough to average away aliasing without reading more than needed.
 */
const OVERSAMPLE = 2;
const JPEG_QUALITY = 85;

/**
 * Renders the `s` and `l` previews of a GeoTIFF read by range: exactly the image's extent, aspect
 * kept, never enlarged. Reads the smallest overview with enough pixels when the file has them,
 * else the full resolution, decimated as it streams. 16-bit and float bands are stretched
 * between their 2 % and 98 % percentiles; nodata, NaN and alpha become transparency (PNG),
 * otherwise the output is JPEG.
 */
export async function renderPreview(source: RangeSource, options: RenderPreviewOptions): Promise<RenderedPreview> {
  const pixels = await openPixels(source, options.pixelRead ?? DEFAULT_PIXEL_READ);
  const [full] = pixels.levels;
  const large = fitWithin(full, PREVIEW_SIZES.l);
  const level = chooseLevel(pixels.levels, large);
  const grid = fitWithin(level, PREVIEW_SIZES.l * OVERSAMPLE);
  const layout = chooseBands(pixels.samplesPerPixel, pixels.extraSamples);
  const { eightBit, read } = await eightBitOf(pixels, level.index, grid, layout, options);
  const [l, s] = await Promise.all([encode(eightBit, large), encode(eightBit, fitWithin(full, PREVIEW_SIZES.s))]);
  return {
    renditions: { s, l },
    bands: { shown: layout.colour.map((b) => b + 1), alpha: layout.alpha === null ? null : layout.alpha + 1 },
    stretch: eightBit.stretchedBetween,
    level: read.level,
  };
}

async function eightBitOf(
  pixels: OpenedPixels,
  levelIndex: number,
  grid: Size,
  layout: BandLayout,
  options: RenderPreviewOptions,
): Promise<{ eightBit: EightBitImage; read: { level: DecimatedGrid['level'] } }> {
  if (pixels.colorMap) return paletteEightBit(pixels, pixels.colorMap, levelIndex, grid, options.nodata);
  const stretch = layout.colour.some((band) => options.dtypes[band] !== 'uint8');
  if (!stretch && layout.alpha === null && options.nodata === null) {
    // 8-bit bands with nothing to stretch or make transparent are the preview's pixels as they
    // are stored: read interleaved, they go to libvips untouched (a COG's overview tiles, row by row).
    const read = await pixels.readInterleaved(levelIndex, grid, layout.colour);
    if (read.values instanceof Uint8Array) {
      const channels = layout.colour.length as EightBitImage['channels'];
      return {
        read,
        eightBit: { width: read.width, height: read.height, channels, pixels: read.values, stretchedBetween: null },
      };
    }
  }
  const wanted = layout.alpha === null ? layout.colour : [...layout.colour, layout.alpha];
  const read = await pixels.readGrid(levelIndex, grid, wanted);
  const colourCount = layout.colour.length;
  const eightBit = toEightBit({
    width: read.width,
    height: read.height,
    colour: read.samples.slice(0, colourCount),
    alpha:
      layout.alpha === null
        ? undefined
        : { samples: read.samples[colourCount], max: maxOf(options.dtypes[layout.alpha]) },
    nodata: options.nodata,
    stretch,
  });
  return { eightBit, read };
}

/** A palette image shows its colours; the nodata index is transparent. */
async function paletteEightBit(
  pixels: OpenedPixels,
  colorMap: number[],
  levelIndex: number,
  grid: Size,
  nodata: number | null,
): Promise<{ eightBit: EightBitImage; read: { level: DecimatedGrid['level'] } }> {
  const read = await pixels.readGrid(levelIndex, grid, [0]);
  const [indices] = read.samples;
  const eightBit = toEightBit({
    width: read.width,
    height: read.height,
    colour: paletteToRgb(indices, colorMap),
    alpha: nodata === null ? undefined : { samples: Uint8Array.from(indices, (i) => (i === nodata ? 0 : 1)), max: 1 },
    nodata: null,
    stretch: false,
  });
  return { eightBit: { ...eightBit, categorical: true }, read };
}

async function encode(image: EightBitImage, size: Size): Promise<Rendition> {
  const format = image.channels === 2 || image.channels === 4 || image.categorical ? 'png' : 'jpeg';
  const pipeline = sharp(image.pixels, {
    raw: { width: image.width, height: image.height, channels: image.channels },
    limitInputPixels: image.width * image.height,
  })
    .resize(size.width, size.height, { fit: 'fill' })
    // sharp writes sRGB unless told: a grey preview stays one channel (plus alpha).
    .toColourspace(image.channels <= 2 ? 'b-w' : 'srgb');
  const bytes = await (format === 'png' ? pipeline.png() : pipeline.jpeg({ quality: JPEG_QUALITY })).toBuffer();
  return { ...size, format, bytes };
}

/** The opaque value of an alpha band of this type. */
function maxOf(dtype: string | undefined): number {
  const bits = /^u?int(\d+)$/.exec(dtype ?? '')?.[1];
  if (!bits) return 1; // float alpha runs 0–1
  return dtype!.startsWith('u') ? 2 ** Number(bits) - 1 : 2 ** (Number(bits) - 1) - 1;
}

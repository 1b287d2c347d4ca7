import { HISTOGRAMS, percentileRange } from './percentile-range';

/** One band as read for a preview, at preview-grid resolution. */
export type BandSamples = ArrayLike<number>;

export interface EightBitInput {
  width: number;
  height: number;
  /** The bands shown (one or three), as BandLayout chose them. */
  colour: BandSamples[];
  /** Transparency band, scaled by `alphaMax` to 0–255. */
  alpha?: { samples: BandSamples; max: number };
  /** The image's nodata value: a pixel where every shown band equals it is transparent. */
  nodata: number | null;
  /** uint8 bands are shown as they are; every other type is stretched. */
  stretch: boolean;
}

export interface EightBitImage {
  width: number;
  height: number;
  /** 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA; interleaved, as sharp's raw input takes them. */
  channels: 1 | 2 | 3 | 4;
  pixels: Uint8Array;
  /** The 2 % and 98 % values each shown band was stretched between; null where not stretched. */
  stretchedBetween: [number, number][] | null;
  /** Categories, not light (a palette): encoded losslessly, as JPEG would smear single pixels. */
  categorical?: boolean;
}

/**
 * The preview's 8-bit pixels: each shown band stretched linearly between its 2nd and 98th
 * percentile (of valid pixels) unless it is 8-bit already; a pixel is transparent where any shown
 * band is NaN, where every shown band equals nodata, or where the alpha band is 0. An alpha channel
 * is written only when the image can have transparent pixels (declared nodata, alpha, or NaN).
 */
export function toEightBit(input: EightBitInput): EightBitImage {
  const { width, height, colour } = input;
  const total = width * height;
  const valid = validity(input);
  const hasAlpha =
    input.alpha !== undefined || input.nodata !== null || (valid !== null && valid.some((v) => v !== 255));
  const channels = (colour.length + (hasAlpha ? 1 : 0)) as EightBitImage['channels'];
  const pixels = new Uint8Array(total * channels);
  const stretchedBetween: [number, number][] = [];
  colour.forEach((band, c) => {
    const range = input.stretch ? percentileRange(band, valid) : null;
    if (range) stretchedBetween.push(range);
    if (range) stretchInto(pixels, channels, c, band, range, valid);
    else clampInto(pixels, channels, c, band, valid);
  });
  if (hasAlpha) {
    const last = channels - 1;
    for (let i = 0; i < total; i++) pixels[i * channels + last] = valid === null ? 255 : valid[i];
  }
  return { width, height, channels, pixels, stretchedBetween: input.stretch ? stretchedBetween : null };
}

/**
 * 0–255 opacity per pixel, from NaN, nodata and the alpha band; null when every pixel is opaque
 * for certain (integer bands, no nodata, no alpha), which spares a pass over the image.
 */
function validity({ width, height, colour, alpha, nodata }: EightBitInput): Uint8Array | null {
  if (!alpha && nodata === null && colour.every(isIntegerArray)) return null;
  const total = width * height;
  const valid = new Uint8Array(total);
  if (alpha) {
    const alphaScale = 255 / alpha.max;
    for (let i = 0; i < total; i++) valid[i] = Math.min(255, Math.round(alpha.samples[i] * alphaScale));
  } else valid.fill(255);
  for (const band of colour) {
    if (isIntegerArray(band)) continue;
    for (let i = 0; i < total; i++) if (band[i] !== band[i]) valid[i] = 0; // NaN
  }
  if (nodata !== null) {
    for (let i = 0; i < total; i++) {
      let allNodata = true;
      for (let b = 0; b < colour.length && allNodata; b++) allNodata = colour[b][i] === nodata;
      if (allNodata) valid[i] = 0;
    }
  }
  return valid;
}

function stretchInto(
  pixels: Uint8Array,
  channels: number,
  c: number,
  band: BandSamples,
  [low, high]: [number, number],
  valid: Uint8Array | null,
): void {
  // A flat band has no contrast to stretch: it shows as mid grey rather than black or white.
  const flat = high <= low;
  const scale = flat ? 0 : 255 / (high - low);
  const n = band.length;
  // Small integer types map through a table of every value they can hold: one lookup a pixel.
  const histogram = HISTOGRAMS.get(band.constructor);
  if (histogram) {
    const { size, offset } = histogram;
    const table = new Uint8Array(size);
    for (let i = 0; i < size; i++) table[i] = flat ? 128 : clampByte((i - offset - low) * scale);
    if (valid === null) for (let i = 0, o = c; i < n; i++, o += channels) pixels[o] = table[band[i] + offset];
    else for (let i = 0, o = c; i < n; i++, o += channels) if (valid[i] !== 0) pixels[o] = table[band[i] + offset];
    return;
  }
  if (flat) {
    for (let i = 0, o = c; i < n; i++, o += channels) if (valid === null || valid[i] !== 0) pixels[o] = 128;
    return;
  }
  // Math.round inlined ((v + 0.5) | 0 for 0 < v < 255): this loop runs over every pixel.
  for (let i = 0, o = c; i < n; i++, o += channels) {
    const v = (band[i] - low) * scale;
    pixels[o] = valid !== null && valid[i] === 0 ? 0 : v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
  }
}

function clampInto(pixels: Uint8Array, channels: number, c: number, band: BandSamples, valid: Uint8Array | null): void {
  if (band instanceof Uint8Array && valid === null) {
    // Bytes already: copied as they are.
    if (channels === 1) pixels.set(band);
    else for (let i = 0, o = c; i < band.length; i++, o += channels) pixels[o] = band[i];
    return;
  }
  for (let i = 0, o = c; i < band.length; i++, o += channels) {
    if (valid === null || valid[i] !== 0) pixels[o] = clampByte(band[i]);
  }
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

function isIntegerArray(band: BandSamples): boolean {
  return (
    band instanceof Uint8Array ||
    band instanceof Int8Array ||
    band instanceof Uint16Array ||
    band instanceof Int16Array ||
    band instanceof Uint32Array ||
    band instanceof Int32Array
  );
}

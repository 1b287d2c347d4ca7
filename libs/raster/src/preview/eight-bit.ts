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
}

export const STRETCH_PERCENTILES = [0.02, 0.98] as const;
/** Percentiles are exact enough from this many values, and sorting stays cheap. */
const PERCENTILE_SAMPLE = 1 << 18;

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
  const hasAlpha = input.alpha !== undefined || input.nodata !== null || valid.some((v) => v !== 255);
  const channels = (colour.length + (hasAlpha ? 1 : 0)) as EightBitImage['channels'];
  const pixels = new Uint8Array(total * channels);
  const stretchedBetween: [number, number][] = [];
  colour.forEach((band, c) => {
    const range = input.stretch ? percentileRange(band, valid) : null;
    if (range) stretchedBetween.push(range);
    const map = range ? linear(range) : clampByte;
    for (let i = 0; i < total; i++) pixels[i * channels + c] = valid[i] === 0 ? 0 : map(band[i]);
  });
  if (hasAlpha) for (let i = 0; i < total; i++) pixels[i * channels + channels - 1] = valid[i];
  return { width, height, channels, pixels, stretchedBetween: input.stretch ? stretchedBetween : null };
}

/** 0–255 opacity per pixel, from NaN, nodata and the alpha band. */
function validity({ width, height, colour, alpha, nodata }: EightBitInput): Uint8Array {
  const total = width * height;
  const valid = new Uint8Array(total);
  const alphaScale = alpha ? 255 / alpha.max : 0;
  for (let i = 0; i < total; i++) {
    let allNodata = nodata !== null;
    let nan = false;
    for (const band of colour) {
      const v = band[i];
      if (Number.isNaN(v)) nan = true;
      if (v !== nodata) allNodata = false;
    }
    if (nan || allNodata) continue;
    valid[i] = alpha ? Math.min(255, Math.round(alpha.samples[i] * alphaScale)) : 255;
  }
  return valid;
}

/** The 2nd and 98th percentile of a band's valid values, from an even subsample; null if none valid. */
export function percentileRange(band: BandSamples, valid: Uint8Array): [number, number] | null {
  let count = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i] !== 0) count++;
  if (count === 0) return null;
  const step = Math.max(1, Math.floor(count / PERCENTILE_SAMPLE));
  const values = new Float64Array(Math.ceil(count / step));
  let seen = 0;
  let n = 0;
  for (let i = 0; i < valid.length; i++) {
    if (valid[i] === 0) continue;
    if (seen++ % step === 0) values[n++] = band[i];
  }
  const sorted = values.subarray(0, n).sort();
  const at = (p: number) => sorted[Math.min(n - 1, Math.floor(p * (n - 1)))];
  return [at(STRETCH_PERCENTILES[0]), at(STRETCH_PERCENTILES[1])];
}

function linear([low, high]: [number, number]): (v: number) => number {
  // A flat band has no contrast to stretch: it shows as mid grey rather than black or white.
  if (high <= low) return () => 128;
  const scale = 255 / (high - low);
  return (v) => clampByte((v - low) * scale);
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

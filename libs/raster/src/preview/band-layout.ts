/** How a preview shows an image's bands. */
export interface BandLayout {
  /** Zero-based bands shown: one (grey) or three (red, green, blue). */
  colour: number[];
  /** Zero-based band holding transparency, or null. */
  alpha: number | null;
}

/** TIFF ExtraSamples values that mean "this sample is alpha" (associated and unassociated). */
const ALPHA_EXTRA_SAMPLES = new Set([1, 2]);

/**
 * 1 band → grey; 2 → grey, plus alpha when the second is declared alpha; 3 → RGB; 4 → RGB plus
 * alpha when the fourth is declared alpha, else the first three; more → the first three.
 * `extraSamples` is the TIFF tag: one entry per sample beyond the photometric ones, in sample
 * order, so its last entry describes the last band.
 */
export function chooseBands(count: number, extraSamples: readonly number[] = []): BandLayout {
  const lastIsAlpha = extraSamples.length > 0 && ALPHA_EXTRA_SAMPLES.has(extraSamples[extraSamples.length - 1]);
  if (count === 1) return { colour: [0], alpha: null };
  if (count === 2) return { colour: [0], alpha: lastIsAlpha ? 1 : null };
  if (count === 4 && lastIsAlpha) return { colour: [0, 1, 2], alpha: 3 };
  return { colour: [0, 1, 2], alpha: null };
}

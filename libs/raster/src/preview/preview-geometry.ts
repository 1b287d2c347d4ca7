export interface Size {
  width: number;
  height: number;
}

/**
 * The largest size with the image's aspect that fits a `box`×`box` square, never larger than the
 * image itself (a preview adds no pixels the image lacks). Both sides at least one pixel.
 */
export function fitWithin(image: Size, box: number): Size {
  const scale = Math.min(1, box / Math.max(image.width, image.height));
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/** Source indices sampled for `count` evenly spaced outputs over `length` (nearest to each centre). */
export function sampleIndices(length: number, count: number): Int32Array {
  const indices = new Int32Array(count);
  for (let i = 0; i < count; i++) indices[i] = Math.min(length - 1, Math.floor(((i + 0.5) * length) / count));
  return indices;
}

/**
 * Which of an image's resolution levels (full resolution first, overviews after, any order) to
 * read for an output of `target` size: the smallest that still has at least the target's pixels
 * on both sides, so nothing is upsampled; the full resolution when no overview is large enough.
 */
export function chooseLevel<L extends Size>(levels: readonly L[], target: Size): L {
  const [full] = levels;
  const enough = levels.filter((l) => l.width >= target.width && l.height >= target.height);
  return enough.reduce((best, l) => (l.width * l.height < best.width * best.height ? l : best), full);
}

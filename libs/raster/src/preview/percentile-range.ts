import type { BandSamples } from './eight-bit';

export const STRETCH_PERCENTILES = [0.02, 0.98] as const;
/** Percentiles are exact enough from this many values, and picking them stays cheap. */
const PERCENTILE_SAMPLE = 1 << 18;

/** Integer arrays up to 16 bits: how many values they hold, and the offset that makes one an index. */
export const HISTOGRAMS = new Map<unknown, { size: number; offset: number }>([
  [Uint8Array, { size: 256, offset: 0 }],
  [Int8Array, { size: 256, offset: 128 }],
  [Uint16Array, { size: 65536, offset: 0 }],
  [Int16Array, { size: 65536, offset: 32768 }],
]);

/**
 * The 2nd and 98th percentile of a band's valid values (all of them when `valid` is null), from
 * an even subsample: every step-th valid value. Null if none is valid. Small integer types are
 * counted into a histogram, others selected in place: the values a sort would give, in one pass.
 */
export function percentileRange(band: BandSamples, valid: Uint8Array | null): [number, number] | null {
  const total = valid === null ? band.length : valid.length;
  let count = total;
  if (valid !== null) {
    count = 0;
    for (let i = 0; i < total; i++) if (valid[i] !== 0) count++;
  }
  if (count === 0) return null;
  const step = Math.max(1, Math.floor(count / PERCENTILE_SAMPLE));
  const n = Math.ceil(count / step);
  const ranks = STRETCH_PERCENTILES.map((p) => Math.min(n - 1, Math.floor(p * (n - 1))));
  const histogram = HISTOGRAMS.get(band.constructor);
  if (histogram) {
    const counts = new Uint32Array(histogram.size);
    const { offset } = histogram;
    forEachTaken(valid, total, step, (i) => counts[band[i] + offset]++);
    return [valueOfRank(counts, ranks[0]) - offset, valueOfRank(counts, ranks[1]) - offset];
  }
  // Two order statistics of a quarter million values: selected in place, not sorted. NaN, which a
  // sort puts last, is counted aside.
  const values = band instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  let m = 0;
  forEachTaken(valid, total, step, (i) => {
    const v = band[i];
    if (v === v) values[m++] = v;
  });
  const low = ranks[0] < m ? select(values, ranks[0], 0, m - 1) : NaN;
  const high = ranks[1] < m ? select(values, ranks[1], Math.min(ranks[0], m - 1), m - 1) : NaN;
  return [low, high];
}

/**
 * The value of rank `k` among `values[from..to]` (Hoare's quickselect), leaving every value
 * before `k` no larger and every value after it no smaller: a second, higher rank can then be
 * selected from `k` on.
 */
function select(values: Float32Array | Float64Array, k: number, from: number, to: number): number {
  let [left, right] = [from, to];
  while (right > left) {
    const [a, b, c] = [values[left], values[(left + right) >> 1], values[right]];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/** Calls `take` with every step-th valid index, in order. */
function forEachTaken(valid: Uint8Array | null, total: number, step: number, take: (i: number) => void): void {
  if (valid === null) {
    for (let i = 0; i < total; i += step) take(i);
    return;
  }
  for (let i = 0, skip = 0; i < total; i++) {
    if (valid[i] === 0 || skip-- > 0) continue;
    skip = step - 1;
    take(i);
  }
}

function valueOfRank(counts: Uint32Array, rank: number): number {
  let seen = 0;
  for (let value = 0; value < counts.length; value++) {
    seen += counts[value];
    if (seen > rank) return value;
  }
  return counts.length - 1;
}

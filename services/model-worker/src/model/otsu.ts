/**
 * Otsu's threshold: the value that best splits the valid samples into two classes (the one
 * maximising the between-class variance), over a histogram of `bins` steps between their
 * minimum and maximum. Null when there is nothing to split (no valid sample, or all alike).
 */
export function otsuThreshold(values: ArrayLike<number>, valid: ArrayLike<number> | null, bins = 256): number | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (valid && !valid[i]) continue;
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return null;
  const histogram = new Float64Array(bins);
  const step = (max - min) / bins;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (valid && !valid[i]) continue;
    histogram[Math.min(bins - 1, Math.floor((values[i] - min) / step))]++;
    count++;
  }
  let total = 0;
  for (let b = 0; b < bins; b++) total += b * histogram[b];
  let below = 0;
  let belowSum = 0;
  let best = -1;
  let bestBin = 0;
  for (let b = 0; b < bins - 1; b++) {
    below += histogram[b];
    belowSum += b * histogram[b];
    const above = count - below;
    if (below === 0 || above === 0) continue;
    const meanBelow = belowSum / below;
    const meanAbove = (total - belowSum) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      bestBin = b;
    }
  }
  // Samples in bins up to bestBin are below: the threshold is that bin's upper edge.
  return min + (bestBin + 1) * step;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * Sizes in powers of 1024 with the familiar unit names: plans are set in binary units
 * (1073741824 bytes), and the product calls that "1 GB", so the free plan reads as 1 GB here.
 * A unit is left at 1000 of it, so 1023.99 MB reads "1 GB", never "1024 MB".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Three significant digits at most: 1.23 MB, 12.3 MB, 123 MB; whole numbers without ".0".
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${UNITS[unit]}`;
}

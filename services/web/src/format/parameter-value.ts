/** A parameter as a person reads it: six significant digits at most, pixel sizes `[x, y]` as `x × y`. */
export function formatParameterValue(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(6)));
  if (Array.isArray(v)) return v.map(formatParameterValue).join(' × ');
  if (v === null || v === undefined) return 'unknown';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

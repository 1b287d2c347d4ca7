/**
 * The GDAL_NODATA tag (42113) is ASCII, one value for every band, as GDAL's `%.18g` or "nan",
 * "inf", "-inf". API.md's `nodata` is a JSON number or null, and JSON has no NaN or infinities:
 * such a value becomes null. For NaN nothing is lost — a float NaN is never a valid pixel, so
 * readers treat it as missing anyway; an infinite nodata is rare enough to accept the loss.
 */
export function nodataOf(tag: string | undefined): number | null {
  const text = tag?.replace(/\0/g, '').trim();
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

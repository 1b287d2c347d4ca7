import { applyGeoTransform, type GeoTransform } from './geotransform';
import type { LonLatConverter } from './lonlat-converter';

export type LonLat = [number, number];

/**
 * The image's corners (0,0), (W,0), (W,H), (0,H) — NW, NE, SE, SW in pixel terms, whatever the
 * ground orientation: the QGIS plugin pins the large preview to exactly these — in EPSG:4326
 * lon/lat. Null when a corner does not land on the globe (|lon| > 180, |lat| > 90, or a point
 * the projection cannot invert), which API.md calls ImageOutOfBounds.
 */
export function footprintOf(
  gt: GeoTransform,
  width: number,
  height: number,
  toLonLat: LonLatConverter,
): LonLat[] | null {
  const pixels: [number, number][] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  const corners = pixels.map(([col, row]) => toLonLat(applyGeoTransform(gt, col, row)));
  return corners.every(isOnGlobe) ? corners : null;
}

/** WKT POLYGON of the corners, closed by repeating the first: exactly 5 points. */
export function polygonWkt(corners: LonLat[]): string {
  const ring = [...corners, corners[0]].map(([lon, lat]) => `${lon} ${lat}`).join(', ');
  return `POLYGON((${ring}))`;
}

function isOnGlobe([lon, lat]: LonLat): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

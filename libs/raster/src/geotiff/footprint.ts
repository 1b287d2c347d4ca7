import { applyGeoTransform, type GeoTransform } from './geotransform';
import type { LonLatConverter } from './lonlat-converter';

export type LonLat = [number, number];

/**
 * How far past the globe's edge a corner pixel's centre may lie: float noise of writers that
 * accumulate degrees (1e-9° is 0.1 mm), not a pixel's worth of anything.
 */
const CENTRE_SLACK_DEGREES = 1e-9;

/**
 * The image's corners (0,0), (W,0), (W,H), (0,H) — NW, NE, SE, SW in pixel terms, whatever the
 * ground orientation: the QGIS plugin pins the large preview to exactly these — in EPSG:4326
 * lon/lat. Null when a corner does not land on the globe (|lon| > 180, |lat| > 90, or a point
 * the projection cannot invert), which API.md calls ImageOutOfBounds.
 *
 * A corner may overhang ±180°/±90° by up to half a pixel — as long as its corner pixel's centre is
 * on the globe — and is then clamped onto it: global grids whose pixel centres sit on the edges
 * (ERA5 and GFS at 0.25°: 1440x721 from 90.125°) or whose edges are a float's breadth past them
 * (-179.99999999999986 + 360) are real images GDAL reads; a whole pixel past is not.
 */
export function footprintOf(
  gt: GeoTransform,
  width: number,
  height: number,
  toLonLat: LonLatConverter,
): LonLat[] | null {
  // Each corner with the direction, in pixels, towards the centre of the pixel it belongs to.
  const pixels: [number, number, number, number][] = [
    [0, 0, 0.5, 0.5],
    [width, 0, -0.5, 0.5],
    [width, height, -0.5, -0.5],
    [0, height, 0.5, -0.5],
  ];
  const corners: LonLat[] = [];
  for (const [col, row, inwardCol, inwardRow] of pixels) {
    const corner = toLonLat(applyGeoTransform(gt, col, row));
    if (!corner.every(Number.isFinite)) return null;
    if (!isOnGlobe(corner, 0)) {
      const centre = toLonLat(applyGeoTransform(gt, col + inwardCol, row + inwardRow));
      if (!isOnGlobe(centre, CENTRE_SLACK_DEGREES)) return null;
    }
    corners.push(clamped(corner));
  }
  return corners;
}

/** WKT POLYGON of the corners, closed by repeating the first: exactly 5 points. */
export function polygonWkt(corners: LonLat[]): string {
  const ring = [...corners, corners[0]].map(([lon, lat]) => `${lon} ${lat}`).join(', ');
  return `POLYGON((${ring}))`;
}

function isOnGlobe([lon, lat]: LonLat, slack: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 + slack && Math.abs(lat) <= 90 + slack;
}

function clamped([lon, lat]: LonLat): LonLat {
  return [Math.max(-180, Math.min(180, lon)), Math.max(-90, Math.min(90, lat))];
}

import { Geodesic } from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

function ringArea(ring: Position[]): number {
  const meter = Geodesic.WGS84.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) meter.AddPoint(lat, lon);
  return Math.abs(meter.Compute(false, true).area ?? 0);
}

/**
 * Area on the WGS 84 ellipsoid in m² (Karney's algorithm, as GeographicLib, PROJ and PostGIS
 * use), holes taken out, whichever way the rings wind.
 */
export function geodesicArea(shape: Polygon | MultiPolygon): number {
  const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  let total = 0;
  for (const [outer, ...holes] of polygons) {
    total += ringArea(outer) - holes.reduce((sum, hole) => sum + ringArea(hole), 0);
  }
  return total;
}

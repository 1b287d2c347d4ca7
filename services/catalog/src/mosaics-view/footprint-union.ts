import { featureCollection, polygon, multiPolygon } from '@turf/helpers';
import { union } from '@turf/union';
import { parse, stringify } from 'wellknown';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

/** The footprint of a mosaic (API.md): the union of its images' footprints as WKT, null when empty. */
export function footprintUnion(footprints: string[]): string | null {
  const shapes = footprints
    .map((wkt) => parse(wkt) as Geometry | null)
    .filter((g): g is Polygon | MultiPolygon => g?.type === 'Polygon' || g?.type === 'MultiPolygon');
  if (shapes.length === 0) return null;
  // One image: its footprint exactly as ingest wrote it (5 corner points, NW first).
  if (shapes.length === 1 && footprints.length === 1) return footprints[0];
  const features = shapes.map((g) => (g.type === 'Polygon' ? polygon(g.coordinates) : multiPolygon(g.coordinates)));
  const merged = union(featureCollection(features as never));
  return merged ? stringify(merged.geometry as never) : null;
}

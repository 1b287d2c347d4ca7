import { featureCollection, multiPolygon, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

/** Every areal result as a MultiPolygon: one shape to store, send and test. */
export function asMultiPolygon(shape: Polygon | MultiPolygon): MultiPolygon {
  return shape.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [shape.coordinates] } : shape;
}

const fromFeature = (f: Feature<Polygon | MultiPolygon> | null) => (f ? asMultiPolygon(f.geometry) : null);

/** The union of planar shapes in lon/lat (turf, polyclip-ts); null for none. */
export function unionOf(shapes: (Polygon | MultiPolygon)[]): MultiPolygon | null {
  if (shapes.length === 0) return null;
  if (shapes.length === 1) return asMultiPolygon(shapes[0]);
  return fromFeature(union(featureCollection(shapes.map((s) => multiPolygon(asMultiPolygon(s).coordinates)))));
}

/** Where two shapes overlap; null where they do not (or only touch). */
export function intersectionOf(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): MultiPolygon | null {
  const features = [a, b].map((s) => (s.type === 'Polygon' ? polygon(s.coordinates) : multiPolygon(s.coordinates)));
  return fromFeature(intersect(featureCollection(features as Feature<Polygon | MultiPolygon>[])));
}

import type { Position } from 'geojson';

/** A closed lon/lat rectangle ring, NW corner first, as footprints are written. */
export const lonLatBox = (w: number, s: number, e: number, n: number): Position[] => [
  [w, n],
  [e, n],
  [e, s],
  [w, s],
  [w, n],
];

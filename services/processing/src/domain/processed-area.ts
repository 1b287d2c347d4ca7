import { kinks } from '@turf/kinks';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { DomainError } from '@mi/contracts';
import { geodesicArea, intersectionOf, unionOf } from '@mi/geo';

/** What the plan allows one processing (config/plans.json). */
export interface AreaLimits {
  aoiAreaLimitM2: number;
  maxAoisPerProcessing: number;
}

export interface SourceFootprint {
  imageId: string;
  footprint: Polygon;
}

export interface ProcessedArea {
  /** The AOI clipped to the imagery, EPSG:4326. */
  geometry: MultiPolygon;
  /** Geodesic area of `geometry` on WGS 84, m², rounded. */
  area: number;
  aoiCount: number;
  /** Each image that meets the area and the part of the area it covers, in the source's order. */
  windows: { imageId: string; window: MultiPolygon }[];
}

/** A bound on the work one request can cause: polygon clipping is superlinear in vertices. */
export const MAX_AOI_VERTICES = 10_000;

export class InvalidAoi extends DomainError {
  constructor(reason: string, parameters: Record<string, unknown> = {}) {
    super('InvalidAoi', { reason, ...parameters }, `The area of interest is not a valid polygon: ${reason}`);
  }
}

export class AoiCrossesAntimeridian extends DomainError {
  constructor() {
    super(
      'AoiCrossesAntimeridian',
      {},
      'The area of interest crosses the antimeridian (180°); split it into one part on each side',
    );
  }
}

export class TooManyAois extends DomainError {
  constructor(aoiCount: number, maxAoisPerProcessing: number) {
    super(
      'TooManyAois',
      { aoiCount, maxAoisPerProcessing },
      `The area of interest has ${aoiCount} parts; the plan allows ${maxAoisPerProcessing}`,
    );
  }
}

export class AoiOutsideImagery extends DomainError {
  constructor() {
    super('AoiOutsideImagery', {}, 'The area of interest does not overlap the imagery');
  }
}

export class TooLargeProcessing extends DomainError {
  constructor(area: number, aoiAreaLimit: number) {
    super(
      'TooLargeProcessing',
      { area, aoiAreaLimit },
      `The processed area is ${area} m²; the plan allows ${aoiAreaLimit} m²`,
    );
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkRing(ring: unknown, where: string): Position[] {
  if (!Array.isArray(ring) || ring.length < 4) throw new InvalidAoi('a ring needs at least 4 positions', { at: where });
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !isNumber(p[0]) || !isNumber(p[1])) {
      throw new InvalidAoi('a position is two finite numbers, longitude and latitude', { at: where });
    }
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      throw new InvalidAoi('a position lies outside longitude ±180° or latitude ±90° (EPSG:4326)', { at: where });
    }
  }
  const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position];
  if (first[0] !== last[0] || first[1] !== last[1])
    throw new InvalidAoi('a ring must end where it starts', { at: where });
  const positions = (ring as Position[]).map((p) => [p[0], p[1]]);
  // An edge longer than half the world east-west is one that went round the back.
  for (let i = 1; i < positions.length; i++) {
    if (Math.abs(positions[i][0] - positions[i - 1][0]) > 180) throw new AoiCrossesAntimeridian();
  }
  return positions;
}

/** The user's AOI as polygons, or a parameterised refusal; nothing here trusts the input's shape. */
export function parseAoi(geometry: unknown): Polygon[] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') throw new InvalidAoi('geometry must be a GeoJSON Polygon or MultiPolygon');
  let polygons: unknown[];
  if (g.type === 'Polygon') polygons = [g.coordinates];
  else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polygons = g.coordinates;
  else throw new InvalidAoi('geometry must be a GeoJSON Polygon or MultiPolygon');
  if (polygons.length === 0) throw new InvalidAoi('a MultiPolygon needs at least one polygon');
  let vertices = 0;
  return polygons.map((rings, i) => {
    if (!Array.isArray(rings) || rings.length === 0)
      throw new InvalidAoi('a polygon needs an outer ring', { at: `${i}` });
    vertices += rings.reduce((n: number, r: unknown) => n + (Array.isArray(r) ? r.length : 0), 0);
    if (vertices > MAX_AOI_VERTICES) throw new InvalidAoi(`more than ${MAX_AOI_VERTICES} positions`);
    const shape: Polygon = { type: 'Polygon', coordinates: rings.map((r, j) => checkRing(r, `${i}.${j}`)) };
    const crossing = kinks(shape).features[0];
    if (crossing) {
      // To a tenth of a millimetre: the float noise of the crossing's computation is no news to anyone.
      const [lon, lat] = crossing.geometry.coordinates.map((c) => +c.toFixed(9));
      throw new InvalidAoi('its edges cross each other', { at: `${i}`, position: `${lon} ${lat}` });
    }
    return shape;
  });
}

/**
 * The area a processing works on: the AOI (or, without one, the imagery's footprint) clipped to
 * the footprints of the source images, measured geodesically, checked against the plan. Each
 * image gets the part of that area it covers; an image outside it gets no task.
 */
export function processedArea(aoi: unknown, sources: SourceFootprint[], limits: AreaLimits): ProcessedArea {
  const imagery = unionOf(sources.map((s) => s.footprint));
  if (!imagery) throw new AoiOutsideImagery();
  let aoiCount = 1;
  let clipped: MultiPolygon | null = imagery;
  if (aoi !== null && aoi !== undefined) {
    const parts = parseAoi(aoi);
    aoiCount = parts.length;
    if (aoiCount > limits.maxAoisPerProcessing) throw new TooManyAois(aoiCount, limits.maxAoisPerProcessing);
    const wanted = unionOf(parts);
    clipped = wanted && intersectionOf(wanted, imagery);
  }
  if (!clipped) throw new AoiOutsideImagery();
  const area = Math.round(geodesicArea(clipped));
  if (area === 0) throw new AoiOutsideImagery();
  if (area > limits.aoiAreaLimitM2) throw new TooLargeProcessing(area, limits.aoiAreaLimitM2);
  const windows = sources.flatMap(({ imageId, footprint }) => {
    const window = intersectionOf(clipped, footprint);
    return window && geodesicArea(window) > 0 ? [{ imageId, window }] : [];
  });
  return { geometry: clipped, area, aoiCount, windows };
}

import { polygon } from '@turf/helpers';
import { simplify } from '@turf/simplify';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { geodesicArea, intersectionOf } from '@mi/geo';
import { applyGeoTransform, type GeoTransform, type LonLatConverter } from '@mi/raster';
import { otsuThreshold } from './otsu';
import { traceComponents, type PixelRing } from './trace-outlines';

/** The pixels of one image window, as the worker read them (any overview level). */
export interface WindowPixels {
  /** One array of samples per band, row by row. */
  bands: ArrayLike<number>[];
  width: number;
  height: number;
  nodata: number | null;
  /** From this window's pixel corners (column, row) to the image's CRS. */
  geoTransform: GeoTransform;
  toLonLat: LonLatConverter;
}

export interface BrightObjectsOptions {
  /** The part of the processed area in this image, EPSG:4326: nothing is returned outside it. */
  window: MultiPolygon;
  /** The optional Simplification block: Douglas-Peucker at one pixel. */
  simplify: boolean;
  /** Objects smaller than this many pixels are noise. */
  minPixels: number;
}

export interface BrightObjectProperties {
  class: 'bright';
  /** Geodesic area on WGS 84 of the (clipped) polygon, m². */
  area_m2: number;
}

export type BrightObject = Feature<Polygon | MultiPolygon, BrightObjectProperties>;

/** Per pixel: the mean of the first three bands (the visible ones of RGB), or the one band; NaN where any is nodata. */
export function brightnessOf(pixels: WindowPixels): Float32Array {
  const bands = pixels.bands.slice(0, 3);
  const out = new Float32Array(pixels.width * pixels.height);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    let valid = true;
    for (const band of bands) {
      const v = band[i];
      if (!Number.isFinite(v) || v === pixels.nodata) valid = false;
      sum += v;
    }
    out[i] = valid ? sum / bands.length : NaN;
  }
  return out;
}

/**
 * The reference model: bright objects (roofs, bare ground, salt flats) are the pixels brighter
 * than Otsu's threshold of the window's brightness; each 4-connected group becomes a polygon
 * along its pixel edges, optionally simplified, placed on the ground through the image's
 * transform and CRS, clipped to the processed area, and measured.
 */
export function brightObjects(pixels: WindowPixels, options: BrightObjectsOptions): BrightObject[] {
  const brightness = brightnessOf(pixels);
  const valid = brightness.map((v) => (Number.isNaN(v) ? 0 : 1));
  const threshold = otsuThreshold(brightness, valid);
  if (threshold === null) return [];
  const mask = brightness.map((v) => (v >= threshold ? 1 : 0));
  const features: BrightObject[] = [];
  for (const component of traceComponents(mask, pixels.width, pixels.height)) {
    if (component.pixels < options.minPixels) continue;
    const rings = options.simplify ? simplified(component.rings) : component.rings;
    const onGround = rings.map((ring) => ring.map(([col, row]) => lonLatOf(pixels, col, row)));
    if (onGround.some((ring) => ring.some(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat)))) continue;
    const clipped = intersectionOf({ type: 'Polygon', coordinates: onGround }, options.window);
    if (!clipped) continue;
    const geometry: Polygon | MultiPolygon =
      clipped.coordinates.length === 1 ? { type: 'Polygon', coordinates: clipped.coordinates[0] } : clipped;
    const area = geodesicArea(geometry);
    if (area <= 0) continue;
    features.push({
      type: 'Feature',
      geometry,
      properties: { class: 'bright', area_m2: Math.round(area * 100) / 100 },
    });
  }
  return features;
}

function lonLatOf(pixels: WindowPixels, col: number, row: number): Position {
  return pixels.toLonLat(applyGeoTransform(pixels.geoTransform, col, row));
}

function simplified(rings: PixelRing[]): PixelRing[] {
  const shape = simplify(polygon(rings), { tolerance: 1, highQuality: true });
  return shape.geometry.coordinates as PixelRing[];
}

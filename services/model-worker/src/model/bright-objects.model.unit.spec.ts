import type { MultiPolygon, Position } from 'geojson';
import { applyGeoTransform, lonLatConverter, type GeoTransform } from '@mi/raster';
import { brightObjects, type WindowPixels } from './bright-objects.model';

const UTM_37N = '+proj=utm +zone=37 +datum=WGS84 +units=m +no_defs';
const toLonLat = lonLatConverter(UTM_37N)!;
// 2 m pixels on zone 37's central meridian (39° E), near 55.7° N.
const geoTransform: GeoTransform = [500_000, 2, 0, 6_170_000, 0, -2];
const PIXEL_M2 = 4;
// On the central meridian UTM scales lengths by 0.9996: ground areas are the grid's / 0.9996².
const GROUND = 1 / 0.9996 ** 2;

/** A 120 × 100 RGB image: dark noisy ground, bright squares where `paint` says, nodata outside it. */
function image(paint: (x: number, y: number) => boolean, nodata: number | null = null): WindowPixels {
  const width = 120;
  const height = 100;
  let seed = 11;
  const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 25;
  const band = () => new Uint8Array(width * height);
  const bands = [band(), band(), band()];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = paint(x, y) ? 200 + noise() : 30 + noise();
      for (const b of bands) b[y * width + x] = value;
    }
  }
  return { bands, width, height, nodata, geoTransform, toLonLat };
}

const inSquare = (x: number, y: number, left: number, top: number, size: number) =>
  x >= left && x < left + size && y >= top && y < top + size;
// A 20 px square with a 4 px hole, a 10 px square, and one bright speckle pixel.
const scene = (x: number, y: number) =>
  (inSquare(x, y, 10, 10, 20) && !inSquare(x, y, 18, 18, 4)) || inSquare(x, y, 60, 50, 10) || (x === 100 && y === 90);

/** A lon/lat rectangle over grid columns [c0, c1] and rows [r0, r1]. */
function windowOver(c0: number, r0: number, c1: number, r1: number): MultiPolygon {
  const corners: Position[] = [
    [c0, r0],
    [c1, r0],
    [c1, r1],
    [c0, r1],
    [c0, r0],
  ].map(([c, r]) => toLonLat(applyGeoTransform(geoTransform, c, r)));
  return { type: 'MultiPolygon', coordinates: [[corners]] };
}
const wholeImage = windowOver(0, 0, 120, 100);
const bboxOf = (shape: MultiPolygon) => {
  const points = shape.coordinates.flat(2);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
};
const coordinatesOf = (f: { geometry: { type: string; coordinates: unknown } }) =>
  (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Position[][][];

describe('the bright-objects reference model', () => {
  it('finds each bright object as one polygon of its true ground area, holes kept, speckle dropped', () => {
    const features = brightObjects(image(scene), { window: wholeImage, simplify: false, minPixels: 4 });
    expect(features).toHaveLength(2);
    const [big, small] = features;
    expect(big.geometry.type).toBe('Polygon');
    expect(coordinatesOf(big)[0]).toHaveLength(2); // outer ring and the hole
    expect(big.properties.area_m2 / ((400 - 16) * PIXEL_M2 * GROUND)).toBeCloseTo(1, 3);
    expect(small.properties.area_m2 / (100 * PIXEL_M2 * GROUND)).toBeCloseTo(1, 3);
    expect(big.properties.class).toBe('bright');
  });

  it('answers in EPSG:4326, where the image lies', () => {
    const features = brightObjects(image(scene), { window: wholeImage, simplify: false, minPixels: 4 });
    const [w, s, e, n] = bboxOf(wholeImage);
    for (const [lon, lat] of features.flatMap(coordinatesOf).flat(2)) {
      expect(lon).toBeGreaterThanOrEqual(w);
      expect(lon).toBeLessThanOrEqual(e);
      expect(lat).toBeGreaterThanOrEqual(s);
      expect(lat).toBeLessThanOrEqual(n);
    }
    expect(w).toBeCloseTo(39, 2);
    expect(s).toBeCloseTo(55.66, 1);
  });

  it('returns nothing outside the processed area, and cuts what crosses its edge', () => {
    // Only the western half of the big square (columns 10-20) lies in the window.
    const window = windowOver(0, 0, 20, 100);
    const features = brightObjects(image(scene), { window, simplify: false, minPixels: 4 });
    expect(features).toHaveLength(1);
    const halfPixels = 10 * 20 - 2 * 4;
    expect(features[0].properties.area_m2 / (halfPixels * PIXEL_M2 * GROUND)).toBeCloseTo(1, 2);
    const [w, s, e, n] = bboxOf(window);
    for (const [lon, lat] of coordinatesOf(features[0]).flat(2)) {
      expect(lon).toBeGreaterThanOrEqual(w - 1e-12);
      expect(lon).toBeLessThanOrEqual(e + 1e-12);
      expect(lat).toBeGreaterThanOrEqual(s - 1e-12);
      expect(lat).toBeLessThanOrEqual(n + 1e-12);
    }
  });

  it('with Simplification, draws a round object with fewer vertices and nearly the same area', () => {
    const disk = (x: number, y: number) => (x + 0.5 - 60) ** 2 + (y + 0.5 - 50) ** 2 <= 30 ** 2;
    const [exact] = brightObjects(image(disk), { window: wholeImage, simplify: false, minPixels: 4 });
    const [simple] = brightObjects(image(disk), { window: wholeImage, simplify: true, minPixels: 4 });
    const vertices = (f: typeof exact) => coordinatesOf(f).flat(2).length;
    expect(vertices(simple)).toBeLessThan(vertices(exact) / 2);
    expect(simple.properties.area_m2 / exact.properties.area_m2).toBeCloseTo(1, 1);
    expect(exact.properties.area_m2 / (Math.PI * 30 ** 2 * PIXEL_M2 * GROUND)).toBeCloseTo(1, 1);
  });

  it('leaves nodata out, and finds nothing in an image of one brightness', () => {
    const withNodata = image(scene);
    for (const b of withNodata.bands) (b as Uint8Array).fill(0, 0, 120 * 5);
    const features = brightObjects({ ...withNodata, nodata: 0 }, { window: wholeImage, simplify: false, minPixels: 4 });
    expect(features).toHaveLength(2);
    const flat = { ...image(() => false), bands: [new Uint8Array(120 * 100).fill(9)] };
    expect(brightObjects(flat, { window: wholeImage, simplify: false, minPixels: 4 })).toEqual([]);
  });
});

import type { Polygon, Position } from 'geojson';
import { DomainError } from '@mi/contracts';
import { geodesicArea } from '@mi/geo';
import { lonLatBox } from '@mi/testing';
import {
  AoiCrossesAntimeridian,
  AoiOutsideImagery,
  InvalidAoi,
  MAX_AOI_VERTICES,
  processedArea,
  TooLargeProcessing,
  TooManyAois,
} from './processed-area';

const box = lonLatBox;
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const limits = { aoiAreaLimitM2: 100_000_000, maxAoisPerProcessing: 5 };
// A 0.1° × 0.1° image over Moscow, and its neighbour to the east.
const moscow = { imageId: '00000000-0000-4000-8000-000000000001', footprint: poly(box(37.6, 55.7, 37.7, 55.8)) };
const east = { imageId: '00000000-0000-4000-8000-000000000002', footprint: poly(box(37.7, 55.7, 37.8, 55.8)) };

// Oracle: pyproj 3 Geod(ellps='WGS84').polygon_area_perimeter (GeographicLib's C implementation).
const ORACLE = { equatorDegree: 12_308_778_361.47, moscowSquare: 69_914_139.95, moscowWestHalf: 34_957_076.96 };

describe('processedArea', () => {
  it("without an AOI works on the source's whole footprint", () => {
    const result = processedArea(null, [moscow], limits);
    expect(result.area).toBe(Math.round(ORACLE.moscowSquare));
    expect(result.aoiCount).toBe(1);
    expect(result.windows.map((w) => w.imageId)).toEqual([moscow.imageId]);
  });

  it('clips the AOI to the imagery and measures what is left', () => {
    // The AOI reaches 0.1° west of the image: only its eastern half lies on it.
    const result = processedArea(poly(box(37.55, 55.7, 37.65, 55.8)), [moscow], limits);
    expect(Math.abs(result.area - ORACLE.moscowWestHalf)).toBeLessThanOrEqual(1);
    for (const [lon, lat] of result.geometry.coordinates.flat(2)) {
      expect(lon).toBeGreaterThanOrEqual(37.6 - 1e-12);
      expect(lon).toBeLessThanOrEqual(37.65 + 1e-12);
      expect(lat).toBeGreaterThanOrEqual(55.7 - 1e-12);
      expect(lat).toBeLessThanOrEqual(55.8 + 1e-12);
    }
  });

  it('gives each image the part of the area it covers, and no task to an image the area misses', () => {
    const across = processedArea(poly(box(37.65, 55.7, 37.75, 55.8)), [moscow, east], limits);
    expect(across.windows.map((w) => w.imageId)).toEqual([moscow.imageId, east.imageId]);
    const halves = across.windows.map((w) => geodesicArea(w.window));
    // Clipping in floating point: the two parts meet within a millimetre, not exactly.
    expect(Math.abs(halves[0] + halves[1] - across.area) / across.area).toBeLessThan(1e-6);
    const westOnly = processedArea(poly(box(37.6, 55.7, 37.65, 55.8)), [moscow, east], limits);
    expect(westOnly.windows.map((w) => w.imageId)).toEqual([moscow.imageId]);
  });

  it('counts the parts of a MultiPolygon AOI against the plan', () => {
    const two = {
      type: 'MultiPolygon',
      coordinates: [[box(37.6, 55.7, 37.62, 55.72)], [box(37.65, 55.75, 37.67, 55.77)]],
    };
    expect(processedArea(two, [moscow], limits).aoiCount).toBe(2);
    const refusal = catchError(() => processedArea(two, [moscow], { ...limits, maxAoisPerProcessing: 1 }));
    expect(refusal).toBeInstanceOf(TooManyAois);
    expect(refusal.parameters).toEqual({ aoiCount: 2, maxAoisPerProcessing: 1 });
  });

  it('refuses an area over the plan, saying the area and the limit', () => {
    const refusal = catchError(() => processedArea(null, [moscow], { ...limits, aoiAreaLimitM2: 10_000_000 }));
    expect(refusal).toBeInstanceOf(TooLargeProcessing);
    expect(refusal.parameters).toEqual({ area: Math.round(ORACLE.moscowSquare), aoiAreaLimit: 10_000_000 });
  });

  it.each([
    ['far away', poly(box(10, 10, 11, 11))],
    ['only touching an edge', poly(box(37.5, 55.7, 37.6, 55.8))],
  ])('refuses an AOI %s from the imagery as AoiOutsideImagery', (_, aoi) => {
    expect(catchError(() => processedArea(aoi, [moscow], limits))).toBeInstanceOf(AoiOutsideImagery);
  });

  it('refuses a self-intersecting AOI (a bow tie), saying where its edges cross', () => {
    const bowTie = poly([
      [37.6, 55.7],
      [37.7, 55.8],
      [37.7, 55.7],
      [37.6, 55.8],
      [37.6, 55.7],
    ]);
    const refusal = catchError(() => processedArea(bowTie, [moscow], limits));
    expect(refusal).toBeInstanceOf(InvalidAoi);
    expect(refusal.parameters).toMatchObject({ reason: 'its edges cross each other', position: '37.65 55.75' });
  });

  it('refuses an AOI that crosses the antimeridian with its own code', () => {
    const across = poly(box(179.5, 0, -179.5, 1));
    const imagery = { imageId: moscow.imageId, footprint: poly(box(179, 0, 180, 1)) };
    expect(catchError(() => processedArea(across, [imagery], limits))).toBeInstanceOf(AoiCrossesAntimeridian);
  });

  const tooMany = poly(Array.from({ length: MAX_AOI_VERTICES + 1 }, (_, i) => [37.6 + i * 1e-7, 55.7]));
  it.each<[string, unknown]>([
    ['a Point', { type: 'Point', coordinates: [37.6, 55.7] }],
    ['a Feature instead of a geometry', { type: 'Feature', geometry: moscow.footprint }],
    ['a string', 'POLYGON((0 0,1 0,1 1,0 0))'],
    ['a Polygon without coordinates', { type: 'Polygon' }],
    ['a Polygon with no rings', { type: 'Polygon', coordinates: [] }],
    ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }],
    ['a ring of three positions', poly(box(37.6, 55.7, 37.7, 55.8).slice(0, 3))],
    [
      'a ring that does not close',
      poly(
        box(37.6, 55.7, 37.7, 55.8)
          .slice(0, 4)
          .concat([[37.61, 55.71]]),
      ),
    ],
    [
      'text coordinates',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['a', 'b'],
            [1, 2],
            [3, 4],
            ['a', 'b'],
          ],
        ],
      },
    ],
    [
      'NaN',
      poly([
        [NaN, 1],
        [1, 1],
        [1, 2],
        [NaN, 1],
      ]),
    ],
    ['a longitude of 200', poly(box(199, 0, 200, 1))],
    ['a latitude of 95', poly(box(0, 90, 1, 95))],
    ['nested garbage', { type: 'MultiPolygon', coordinates: [[[null]], 7] }],
    [`more than ${MAX_AOI_VERTICES} positions`, tooMany],
  ])('refuses %s as InvalidAoi, never a crash', (_, aoi) => {
    expect(catchError(() => processedArea(aoi, [moscow], limits))).toBeInstanceOf(InvalidAoi);
  });
});

function catchError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

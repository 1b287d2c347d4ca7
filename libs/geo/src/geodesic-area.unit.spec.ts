import type { Position } from 'geojson';
import { geodesicArea } from './geodesic-area';
import { lonLatBox } from '@mi/testing';

const box = lonLatBox;
const moscow = box(37.6, 55.7, 37.7, 55.8);

// Oracle: pyproj 3 Geod(ellps='WGS84').polygon_area_perimeter (GeographicLib's C implementation).
const ORACLE = { equatorDegree: 12_308_778_361.47, moscowSquare: 69_914_139.95, moscowWestHalf: 34_957_076.96 };

describe('geodesicArea', () => {
  it('measures on WGS 84 as GeographicLib does, to the square metre', () => {
    const degree = { type: 'MultiPolygon' as const, coordinates: [[box(0, 0, 1, 1)]] };
    expect(geodesicArea(degree)).toBeCloseTo(ORACLE.equatorDegree, 0);
    const square = { type: 'Polygon' as const, coordinates: [moscow] };
    expect(geodesicArea(square)).toBeCloseTo(ORACLE.moscowSquare, 0);
  });

  it('is the same whichever way a ring winds, and takes holes out', () => {
    const clockwise = box(37.6, 55.7, 37.65, 55.8);
    const counter = [...clockwise].reverse();
    const of = (ring: Position[]) => geodesicArea({ type: 'MultiPolygon', coordinates: [[ring]] });
    expect(of(counter)).toBeCloseTo(of(clockwise), 3);
    const holed = { type: 'MultiPolygon' as const, coordinates: [[box(37.6, 55.7, 37.7, 55.8), counter]] };
    expect(geodesicArea(holed)).toBeCloseTo(ORACLE.moscowSquare - ORACLE.moscowWestHalf, 0);
  });
});

import { footprintOf, polygonWkt } from './footprint';

const identity = (point: [number, number]): [number, number] => point;

describe('footprintOf', () => {
  it('gives the corners (0,0), (W,0), (W,H), (0,H) in that order', () => {
    expect(footprintOf([10, 0.5, 0, 50, 0, -0.25], 4, 8, identity)).toEqual([
      [10, 50],
      [12, 50],
      [12, 48],
      [10, 48],
    ]);
  });

  it('keeps pixel-corner order for a south-up image: the first corner is the origin', () => {
    expect(footprintOf([10, 1, 0, 40, 0, 1], 2, 2, identity)?.[0]).toEqual([10, 40]);
  });

  it.each([
    ['a longitude past 180', [179, 1, 0, 10, 0, -1]],
    ['a latitude past 90', [0, 1, 0, 91, 0, -1]],
  ])('is null with %s', (_name, gt) => {
    expect(footprintOf(gt as never, 2, 2, identity)).toBeNull();
  });

  it('is null where the projection has no inverse', () => {
    expect(footprintOf([0, 1, 0, 0, 0, -1], 2, 2, () => [NaN, NaN])).toBeNull();
  });
});

describe('polygonWkt', () => {
  it('closes the ring: exactly 5 points, full precision', () => {
    const wkt = polygonWkt([
      [37.1, 55.123456789012],
      [37.2, 55.1],
      [37.2, 55],
      [37.1, 55],
    ]);
    expect(wkt).toBe('POLYGON((37.1 55.123456789012, 37.2 55.1, 37.2 55, 37.1 55, 37.1 55.123456789012))');
  });
});

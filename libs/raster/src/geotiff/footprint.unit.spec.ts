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

  it("clamps corners a float's breadth past 180° and 90° onto the globe", () => {
    expect(footprintOf([-179.99999999999986, 1, 0, 90.0000000006, 0, -1], 360, 180, identity)).toEqual([
      [-179.99999999999986, 90],
      [180, 90],
      [180, -89.9999999994],
      [-179.99999999999986, -89.9999999994],
    ]);
  });

  it('accepts corners half a pixel past the edge, where the corner pixels are centred on it', () => {
    expect(footprintOf([-180.125, 0.25, 0, 90.125, 0, -0.25], 1440, 721, identity)).toEqual([
      [-180, 90],
      [179.875, 90],
      [179.875, -90],
      [-180, -90],
    ]);
  });

  it.each([
    ['more than half a pixel past -180', [-180.6, 1, 0, 10, 0, -1]],
    ['more than half a pixel past -90', [0, 1, 0, -88.6, 0, -1]],
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

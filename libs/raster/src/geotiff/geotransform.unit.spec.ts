import { applyGeoTransform, geoTransformOf, isDegenerate, pixelSizeOf } from './geotransform';

describe('geoTransformOf', () => {
  it('places the origin from a tiepoint anywhere in the image', () => {
    const gt = geoTransformOf({ pixelScale: [2, 3, 0], tiepoints: [50.5, 10, 0, 1000, 2000, 0] }, false);
    expect(gt).toEqual([899, 2, 0, 2030, 0, -3]);
  });

  it('reads a negative ScaleY as north-up, as GDAL does by default', () => {
    expect(geoTransformOf({ pixelScale: [2, -3, 0], tiepoints: [0, 0, 0, 10, 20, 0] }, false)).toEqual([
      10, 2, 0, 20, 0, -3,
    ]);
  });

  it('prefers scale and tiepoint over a ModelTransformation, as GDAL does', () => {
    const transformation = [5, 0, 0, 1, 0, -5, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1];
    const gt = geoTransformOf({ pixelScale: [2, 2, 0], tiepoints: [0, 0, 0, 10, 20, 0], transformation }, false);
    expect(gt).toEqual([10, 2, 0, 20, 0, -2]);
  });

  it('reads rotation and shear from a ModelTransformation', () => {
    const transformation = [8, -5, 0, 500, -5, -8, 0, 4000, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(geoTransformOf({ transformation }, false)).toEqual([500, 8, -5, 4000, -5, -8]);
  });

  it('shifts PixelIsPoint by half a pixel along both pixel axes, for both tag forms', () => {
    expect(geoTransformOf({ pixelScale: [2, 2, 0], tiepoints: [0, 0, 0, 10, 20, 0] }, true)).toEqual([
      9, 2, 0, 21, 0, -2,
    ]);
    const transformation = [8, -6, 0, 500, -6, -8, 0, 4000, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(geoTransformOf({ transformation }, true)).toEqual([499, 8, -6, 4007, -6, -8]);
  });

  it('gives no geotransform for tiepoints alone (GCPs), a scale alone, or a short matrix', () => {
    const gcps = [0, 0, 0, 10, 20, 0, 100, 0, 0, 30, 20, 0];
    expect(geoTransformOf({ tiepoints: gcps }, false)).toBeNull();
    expect(geoTransformOf({ pixelScale: [1, 1, 0] }, false)).toBeNull();
    expect(geoTransformOf({ transformation: [1, 0, 0, 0, 0, -1, 0, 0] }, false)).toBeNull();
    expect(geoTransformOf({}, false)).toBeNull();
  });
});

describe('pixel geometry', () => {
  it('measures a rotated pixel by the lengths of the transform columns', () => {
    expect(pixelSizeOf([0, 3, -8, 0, 4, -6])).toEqual([5, 10]);
    expect(pixelSizeOf([0, 0.3, 0, 0, 0, -0.1])).toEqual([0.3, 0.1]);
  });

  it('maps pixel corners through the affine transform', () => {
    expect(applyGeoTransform([100, 2, 1, 200, 1, -2], 10, 5)).toEqual([125, 200]);
  });

  it('calls a transform degenerate when it flattens the image', () => {
    expect(isDegenerate([0, 1, 2, 0, 2, 4])).toBe(true);
    expect(isDegenerate([0, 1, 0, 0, 0, -1])).toBe(false);
  });
});

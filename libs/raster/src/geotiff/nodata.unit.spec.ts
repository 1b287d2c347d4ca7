import { nodataOf } from './nodata';

describe('nodataOf (GDAL_NODATA tag)', () => {
  it.each([
    ['0', 0],
    ['-9999', -9999],
    ['255\0', 255],
    [' -3.4028234663852886e+38 ', -3.4028234663852886e38],
  ])('reads %j as %d', (text, value) => {
    expect(nodataOf(text)).toBe(value);
  });

  it.each(['nan', 'NaN', 'inf', '-inf', '', 'none'])('reports %j as null: JSON has no NaN or infinity', (text) => {
    expect(nodataOf(text)).toBeNull();
  });

  it('reports a missing tag as null', () => {
    expect(nodataOf(undefined)).toBeNull();
  });
});

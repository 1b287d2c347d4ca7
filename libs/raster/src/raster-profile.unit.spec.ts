import { compareProfile, type RasterProfile } from './raster-profile';

const utm10cm: RasterProfile = { crs: 'EPSG:32637', count: 3, pixelSize: [0.1, 0.1] };

describe('compareProfile', () => {
  it('accepts an identical profile', () => {
    expect(compareProfile(utm10cm, { ...utm10cm })).toBeNull();
  });

  it('accepts pixel sizes that differ only in float noise', () => {
    expect(compareProfile(utm10cm, { ...utm10cm, pixelSize: [0.1 + 1e-12, 0.1 - 1e-12] })).toBeNull();
  });

  it('rejects a 1 m image in a 10 cm mosaic, naming pixel_size with both values', () => {
    expect(compareProfile(utm10cm, { ...utm10cm, pixelSize: [1, 1] })).toEqual({
      param_name: 'pixel_size',
      got_param: [1, 1],
      expected_param: [0.1, 0.1],
    });
  });

  it('rejects another CRS first, even when other parameters differ too', () => {
    expect(compareProfile(utm10cm, { crs: 'EPSG:4326', count: 1, pixelSize: [1, 1] })).toEqual({
      param_name: 'crs',
      got_param: 'EPSG:4326',
      expected_param: 'EPSG:32637',
    });
  });

  it('rejects another band count', () => {
    expect(compareProfile(utm10cm, { ...utm10cm, count: 4 })).toMatchObject({
      param_name: 'count',
      got_param: 4,
      expected_param: 3,
    });
  });
});

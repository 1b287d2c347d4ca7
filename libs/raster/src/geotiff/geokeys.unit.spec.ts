import { GeoKey, parseGeoKeys } from './geokeys';

describe('parseGeoKeys', () => {
  it('reads SHORT values in place, DOUBLEs and ASCII from their params tags', () => {
    const directory = [1, 1, 0, 4, 1024, 0, 1, 1, 1026, 34737, 10, 0, 3072, 0, 1, 32637, 2062, 34736, 3, 1];
    const keys = parseGeoKeys(directory, [99, -87, -98, -121], 'UTM 37 N |');
    expect(keys.number(GeoKey.GTModelType)).toBe(1);
    expect(keys.number(GeoKey.ProjectedCSType)).toBe(32637);
    expect(keys.numbers(GeoKey.GeogTOWGS84)).toEqual([-87, -98, -121]);
    expect(keys.has(1026)).toBe(true);
    expect(keys.number(1026)).toBeUndefined();
  });

  it('skips entries pointing outside their params, as GDAL reads such files anyway', () => {
    const directory = [1, 1, 0, 3, 1024, 0, 1, 2, 2057, 34736, 1, 5, 2048, 0, 1, 4326];
    const keys = parseGeoKeys(directory, [6378137], undefined);
    expect(keys.has(GeoKey.GeogSemiMajorAxis)).toBe(false);
    expect(keys.number(GeoKey.GeographicType)).toBe(4326);
  });

  it('stops at the entries the directory actually holds, whatever count it declares', () => {
    const keys = parseGeoKeys([1, 1, 0, 50, 1024, 0, 1, 2], undefined, undefined);
    expect(keys.size).toBe(1);
  });

  it('reads nothing from a missing or stub directory', () => {
    expect(parseGeoKeys(undefined, undefined, undefined).size).toBe(0);
    expect(parseGeoKeys([1, 1], undefined, undefined).size).toBe(0);
  });

  it('takes the first of several synonymous keys that is present', () => {
    const keys = parseGeoKeys([1, 1, 0, 1, GeoKey.ProjCenterLong, 34736, 1, 0], [12.5], undefined);
    expect(keys.firstNumber(GeoKey.ProjNatOriginLong, GeoKey.ProjCenterLong)).toBe(12.5);
  });
});

import { crsOf } from './crs';
import { GeoKey as K, GeoKeys, type GeoKeyValue } from './geokeys';

const keys = (entries: [number, GeoKeyValue][]) => new GeoKeys(new Map(entries));

describe('crsOf', () => {
  it('names a projected CRS by its EPSG code', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 1],
        [K.ProjectedCSType, 32637],
      ]),
    );
    expect(crs).toEqual({ crs: 'EPSG:32637', proj4: expect.stringContaining('+proj=utm +zone=37') });
  });

  it('names a geographic CRS by its EPSG code', async () => {
    expect(
      (
        await crsOf(
          keys([
            [K.GTModelType, 2],
            [K.GeographicType, 4326],
          ]),
        )
      )?.crs,
    ).toBe('EPSG:4326');
  });

  it('builds PROJ text for a user-defined geographic CRS with a datum shift (GDAL: a bound CRS)', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 2],
        [K.GeographicType, 32767],
        [K.GeogGeodeticDatum, 32767],
        [K.GeogEllipsoid, 7004],
        [K.GeogTOWGS84, [598.1, 73.7, 418.2, 0.202, 0.045, -2.455, 6.7]],
      ]),
    );
    expect(crs?.crs).toBe('+proj=longlat +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +no_defs');
  });

  it('no longer calls an EPSG CRS by its code once GeogTOWGS84 overrides its datum shift', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 1],
        [K.ProjectedCSType, 32637],
        [K.GeogTOWGS84, [1, 2, 3]],
      ]),
    );
    expect(crs?.crs).toBe('+proj=utm +zone=37 +ellps=WGS84 +towgs84=1,2,3,0,0,0,0 +units=m +no_defs');
  });

  it('takes a datum from its EPSG code when the geographic CRS is user-defined', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 2],
        [K.GeographicType, 32767],
        [K.GeogGeodeticDatum, 6326],
      ]),
    );
    expect(crs?.crs).toBe('+proj=longlat +datum=WGS84 +no_defs');
  });

  it('builds a UTM zone from ProjectionGeoKey when the projected CRS is user-defined', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 1],
        [K.ProjectedCSType, 32767],
        [K.Projection, 16137],
        [K.GeographicType, 4230],
      ]),
    );
    expect(crs?.crs).toBe('+proj=utm +zone=37 +south +ellps=intl +towgs84=-87,-98,-121,0,0,0,0 +units=m +no_defs');
  });

  it('converts false easting and northing from US survey feet to the metres PROJ wants', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 1],
        [K.ProjectedCSType, 32767],
        [K.GeographicType, 4326],
        [K.ProjCoordTrans, 1],
        [K.ProjLinearUnits, 9003],
        [K.ProjNatOriginLong, [-120.5]],
        [K.ProjScaleAtNatOrigin, [0.9999]],
        [K.ProjFalseEasting, [6561666.66666667]],
      ]),
    );
    expect(crs?.crs).toBe(
      '+proj=tmerc +lat_0=0 +lon_0=-120.5 +k=0.9999 +x_0=2000000 +y_0=0 +datum=WGS84 +units=us-ft +no_defs',
    );
  });

  it('reads PROJ-named ellipsoids from their parameters', async () => {
    const crs = await crsOf(
      keys([
        [K.GTModelType, 2],
        [K.GeogSemiMajorAxis, [6378388]],
        [K.GeogInvFlattening, [297]],
      ]),
    );
    expect(crs?.crs).toBe('+proj=longlat +ellps=intl +no_defs');
  });

  it.each([
    ['no GeoKeys at all', []],
    ['only the raster type', [[K.GTRasterType, 1]]],
    [
      'a geocentric model',
      [
        [K.GTModelType, 3],
        [K.GeographicType, 4326],
      ],
    ],
    [
      'an EPSG code that is no CRS',
      [
        [K.GTModelType, 1],
        [K.ProjectedCSType, 9999],
      ],
    ],
    [
      'a geographic code given as projected',
      [
        [K.GTModelType, 1],
        [K.ProjectedCSType, 4326],
      ],
    ],
    [
      'an unmodelled coordinate transformation',
      [
        [K.GTModelType, 1],
        [K.ProjectedCSType, 32767],
        [K.GeographicType, 4326],
        [K.ProjCoordTrans, 26],
      ],
    ],
    [
      'a projection without a datum',
      [
        [K.GTModelType, 1],
        [K.ProjectedCSType, 32767],
        [K.ProjCoordTrans, 1],
      ],
    ],
  ] as [string, [number, GeoKeyValue][]][])('finds no usable CRS in %s', async (_name, entries) => {
    expect(await crsOf(keys(entries))).toBeNull();
  });
});

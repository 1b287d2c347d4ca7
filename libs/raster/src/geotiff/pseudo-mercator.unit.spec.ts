import { crsOf } from './crs';
import { GeoKey as K, GeoKeys, type GeoKeyValue } from './geokeys';
import { PSEUDO_MERCATOR } from './pseudo-mercator';

const keys = (entries: [number, GeoKeyValue][]) => new GeoKeys(new Map(entries));
const ELLIPSOIDAL = '+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs';
const mercatorOnWgs84: [number, GeoKeyValue][] = [
  [K.GTModelType, 1],
  [K.GeographicType, 4326],
  [K.ProjectedCSType, 32767],
  [K.ProjCoordTrans, 7],
];

describe('crsOf on a user-defined Mercator', () => {
  // Which names GDAL 3.6 (through PROJ) transforms as EPSG:3857, measured with gdaltransform.
  it.each([
    'WGS 84 / Pseudo-Mercator',
    'wgs 84 / pseudo-mercator',
    'WGS 84 / Pseudo-Mercator (deprecated)',
    'WGS_84_Pseudo_Mercator',
    'WGS 1984 / Pseudo-Mercator',
    'WGS 84 / Pseudo Mercator',
    'WGS 84 / Web Mercator',
    'WGS_1984_Web_Mercator',
    'WGS_1984_Web_Mercator_Auxiliary_Sphere',
    'Google Maps Global Mercator',
  ])('reads the Pseudo-Mercator when a citation names it "%s"', async (name) => {
    expect((await crsOf(keys([...mercatorOnWgs84, [K.PCSCitation, name]])))?.crs).toBe(PSEUDO_MERCATOR);
  });

  it.each([
    'Popular Visualisation Pseudo Mercator',
    'WGS 84 / Popular Visualisation Pseudo-Mercator',
    'Pseudo-Mercator',
    'Web Mercator',
    'WGS84 / Google Mercator',
    'Popular Visualisation CRS / Mercator',
    'WGS 84 / World Mercator',
  ])('keeps ellipsoidal Mercator for a citation "%s", as GDAL does', async (name) => {
    expect((await crsOf(keys([...mercatorOnWgs84, [K.GTCitation, name]])))?.crs).toBe(ELLIPSOIDAL);
  });

  it('reads ProjectionGeoKey 3856 as the Pseudo-Mercator, whatever the datum', async () => {
    const ed50 = keys([
      ...mercatorOnWgs84.filter(([key]) => key !== K.GeographicType),
      [K.GeographicType, 4230],
      [K.Projection, 3856],
    ]);
    expect((await crsOf(ed50))?.crs).toBe(PSEUDO_MERCATOR);
  });

  it('takes the origin of an ESRI PE string for Mercator_Auxiliary_Sphere', async () => {
    const pe =
      'ESRI PE String = PROJCS["Custom",GEOGCS["GCS_WGS_1984"],PROJECTION["Mercator_Auxiliary_Sphere"],' +
      'PARAMETER["False_Easting",100.0],PARAMETER["False_Northing",-5.0],PARAMETER["Central_Meridian",10.0],' +
      'PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
    const crs = await crsOf(
      keys([
        [K.GTModelType, 32767],
        [K.ProjectedCSType, 32767],
        [K.PCSCitation, pe],
      ]),
    );
    expect(crs?.crs).toBe(
      PSEUDO_MERCATOR.replace('+lon_0=0', '+lon_0=10').replace('+x_0=0', '+x_0=100').replace('+y_0=0', '+y_0=-5'),
    );
  });

  it('ignores an ESRI PE string under a projected model, as GDAL does', async () => {
    const pe =
      'ESRI PE String = PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",PROJECTION["Mercator_Auxiliary_Sphere"]]';
    expect((await crsOf(keys([...mercatorOnWgs84, [K.PCSCitation, pe]])))?.crs).toBe(ELLIPSOIDAL);
  });
});

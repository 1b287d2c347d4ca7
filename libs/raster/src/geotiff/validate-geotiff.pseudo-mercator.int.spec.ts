import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GeoKey as K } from './geokeys';
import { aGeoTiff, removeGeoTiffFixtures } from './testing/a-geotiff.builder';
import { aTiffHeader, writeTiffHeader, type GeoKeyEntry } from './testing/a-tiff-header.builder';
import { expectToMatchGdal } from './testing/gdal-agreement';

// Issue 11: EPSG:3857 written the old ways (user-defined keys) must read as the spherical
// Pseudo-Mercator GDAL reads, not as ellipsoidal Mercator, which puts Moscow 0.18° further north.
const PSEUDO_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';
const ORIGIN = [4187000, 7509000]; // Moscow: where the two Mercators differ by 0.18° of latitude

const dir = mkdtempSync(join(tmpdir(), 'raster-pseudo-mercator-'));
afterAll(() => {
  removeGeoTiffFixtures();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function fileWithGeoKeys(geoKeys: GeoKeyEntry[]): string {
  const header = aTiffHeader({
    width: 64,
    height: 48,
    tile: 16,
    pixelScale: [0.3, 0.3, 0],
    tiepoint: [0, 0, 0, ...ORIGIN, 0],
    geoKeys,
  });
  return writeTiffHeader(join(dir, `keys-${files++}.tif`), header);
}

/** User-defined Mercator (variant A) on WGS 84 with zero origin: EPSG:3857's keys, less its code. */
const mercatorOnWgs84: GeoKeyEntry[] = [
  [K.GTModelType, 1],
  [K.GTRasterType, 1],
  [K.GeographicType, 4326],
  [K.ProjectedCSType, 32767],
  [K.ProjCoordTrans, 7],
  [K.ProjLinearUnits, 9001],
  [K.ProjNatOriginLong, [0]],
  [K.ProjNatOriginLat, [0]],
  [K.ProjFalseEasting, [0]],
  [K.ProjFalseNorthing, [0]],
  [K.ProjScaleAtNatOrigin, [1]],
];
const PE_STRING =
  'ESRI PE String = PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",' +
  'DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],' +
  'PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';

describe('validateGeoTiff reads a user-defined Pseudo-Mercator as GDAL does', () => {
  it('reads the file GDAL writes for "+proj=merc +a=6378137 +b=6378137 +nadgrids=@null +wktext"', async () => {
    const path = aGeoTiff({ crs: PSEUDO_MERCATOR, geoTransform: [ORIGIN[0], 0.3, 0, ORIGIN[1], 0, -0.3] });
    await expectToMatchGdal(path);
  });

  it('reads ProjectionGeoKey 3856, the EPSG conversion "Popular Visualisation Pseudo-Mercator"', async () => {
    await expectToMatchGdal(fileWithGeoKeys([...mercatorOnWgs84, [K.Projection, 3856]]));
  });

  it('reads an ESRI PE string for Mercator_Auxiliary_Sphere (GTModelType user-defined)', async () => {
    await expectToMatchGdal(
      fileWithGeoKeys([
        [K.GTModelType, 32767],
        [K.GTRasterType, 1],
        [K.ProjectedCSType, 32767],
        [K.PCSCitation, PE_STRING],
      ]),
    );
  });

  // gdalsrsinfo prints these as ellipsoidal Mercator, yet GDAL (through PROJ) transforms them as
  // EPSG:3857 because of the name: we report the CRS text GDAL prints for the Pseudo-Mercator.
  it.each([
    ['PCSCitation', 'WGS 84 / Pseudo-Mercator', K.PCSCitation],
    ['GTCitation', 'WGS 84 / Pseudo-Mercator', K.GTCitation],
    ['PCSCitation', 'WGS_1984_Web_Mercator_Auxiliary_Sphere', K.PCSCitation],
    ['GTCitation', 'Google Maps Global Mercator', K.GTCitation],
  ])('reads Mercator on WGS 84 whose %s is "%s"', async (_keyName, name, key) => {
    await expectToMatchGdal(fileWithGeoKeys([...mercatorOnWgs84, [key, name]]), { crs: PSEUDO_MERCATOR });
  });

  it('reads Mercator on a sphere of radius 6378137 (semi-major = semi-minor)', async () => {
    const sphere = mercatorOnWgs84.filter(([key]) => key !== K.GeographicType);
    await expectToMatchGdal(
      fileWithGeoKeys([
        ...sphere,
        [K.GeographicType, 32767],
        [K.GeogGeodeticDatum, 32767],
        [K.GeogEllipsoid, 32767],
        [K.GeogSemiMajorAxis, [6378137]],
        [K.GeogSemiMinorAxis, [6378137]],
      ]),
    );
  });

  it.each([
    [
      'the method name "Popular Visualisation Pseudo Mercator" as GTCitation',
      [[K.GTCitation, 'Popular Visualisation Pseudo Mercator']],
    ],
    [
      'a Pseudo-Mercator GTCitation under another PCSCitation (GDAL reads the PCS one)',
      [
        [K.GTCitation, 'WGS 84 / Pseudo-Mercator'],
        [K.PCSCitation, 'Custom Mercator'],
      ],
    ],
  ] as [string, GeoKeyEntry[]][])('keeps ellipsoidal Mercator for %s, as GDAL reads it', async (_name, citations) => {
    await expectToMatchGdal(fileWithGeoKeys([...mercatorOnWgs84, ...citations]));
  });
});

import { join } from 'node:path';
import { aGeoTiff, removeGeoTiffFixtures, type GeoTiffOptions } from './testing/a-geotiff.builder';
import { expectToMatchGdal } from './testing/gdal-agreement';

const SAMPLES = join(__dirname, '../../../../../shared/fixtures/geotiff');

afterAll(removeGeoTiffFixtures);

describe('validateGeoTiff agrees with gdalinfo', () => {
  const rotated = [500000, 8.660254037844387, -5, 4000000, -5, -8.660254037844387];
  const generated: [string, GeoTiffOptions][] = [
    ['UTM 37N, uint8 strips (the defaults)', {}],
    ['EPSG:4326 geographic', { crs: 'EPSG:4326', geoTransform: [37.5, 0.0001, 0, 55.75, 0, -0.0001] }],
    [
      'polar stereographic north, EPSG:3413',
      { crs: 'EPSG:3413', geoTransform: [-3850000, 25000, 0, 5850000, 0, -25000], width: 304, height: 448 },
    ],
    [
      'polar stereographic south, EPSG:3031',
      { crs: 'EPSG:3031', geoTransform: [-3950000, 6250, 0, 4350000, 0, -6250] },
    ],
    ['a rotated ModelTransformation', { geoTransform: rotated, width: 300, height: 200 }],
    ['a rotated PixelIsPoint image', { geoTransform: rotated, pixelIsPoint: true }],
    ['PixelIsPoint, north-up', { pixelIsPoint: true }],
    ['BigTIFF', { bigTiff: true }],
    ['16-bit, 4 bands', { bands: 4, dtype: 'UInt16' }],
    ['float32 with NaN nodata', { dtype: 'Float32', nodata: 'nan' }],
    ['int16 with a numeric nodata', { dtype: 'Int16', nodata: -9999 }],
    ['float64 with the lowest float32 as nodata', { dtype: 'Float64', nodata: -3.4028234663852886e38 }],
    ['uint32', { dtype: 'UInt32' }],
    ['int32', { dtype: 'Int32', nodata: 0 }],
    ['LZW', { compress: 'LZW', bands: 3 }],
    ['DEFLATE, tiled', { compress: 'DEFLATE', tiled: true, width: 600, height: 500 }],
    ['sparse tiles (SPARSE_OK: empty tiles have no bytes)', { tiled: true, creationOptions: ['SPARSE_OK=TRUE'] }],
    // Under 256 px: above that GDAL also lists "implicit" JPEG overviews, which its JPEG decoder
    // makes on the fly and the file does not hold; `overviews` counts only those in the file.
    ['JPEG, 3 bands', { compress: 'JPEG', bands: 3, width: 200, height: 120 }],
    ['band-interleaved (planar)', { interleave: 'BAND', bands: 3, compress: 'LZW' }],
    ['tiled BigTIFF, band-interleaved', { tiled: true, bigTiff: true, interleave: 'BAND', bands: 2 }],
    ['a COG with overviews', { format: 'COG', compress: 'DEFLATE', width: 1500, height: 1100, bands: 3 }],
    ['internal overviews added by gdaladdo', { width: 400, height: 300, overviews: [2, 4, 8] }],
    ['Web Mercator', { crs: 'EPSG:3857', geoTransform: [4187000, 0.3, 0, 7509000, 0, -0.3] }],
    ['a south-up image', { geoTransform: [500000, 10, 0, 4000000, 0, 10] }],
  ];
  it.each(generated)('%s', async (_name, options) => {
    await expectToMatchGdal(aGeoTiff(options));
  });

  const userDefined: [string, string, number[]][] = [
    [
      'transverse Mercator on WGS 84',
      '+proj=tmerc +lat_0=0 +lon_0=37.5 +k=0.9999 +x_0=300000 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [300000, 2, 0, 6200000, 0, -2],
    ],
    [
      'Lambert conic 2SP, intl + towgs84, US feet',
      '+proj=lcc +lat_0=50 +lon_0=10 +lat_1=45 +lat_2=55 +x_0=1000 +y_0=2000 +ellps=intl +towgs84=-87,-98,-121,0,0,0,0 +units=us-ft +no_defs',
      [0, 30, 0, 100000, 0, -30],
    ],
    [
      'polar stereographic variant B',
      '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [-3850000, 25000, 0, 5850000, 0, -25000],
    ],
    [
      'Albers equal area',
      '+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [-2000000, 30, 0, 3000000, 0, -30],
    ],
    [
      'Lambert azimuthal equal area',
      '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs',
      [4000000, 100, 0, 3000000, 0, -100],
    ],
    [
      'UTM zone on the international ellipsoid',
      '+proj=utm +zone=37 +ellps=intl +units=m +no_defs',
      [500000, 10, 0, 4000000, 0, -10],
    ],
    [
      'Mercator 1SP',
      '+proj=merc +lon_0=100 +k=0.997 +x_0=3900000 +y_0=900000 +ellps=bessel +units=m +no_defs',
      [3900000, 50, 0, 1000000, 0, -50],
    ],
    [
      'Mercator 2SP',
      '+proj=merc +lat_ts=41 +lon_0=20 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [1000000, 20, 0, 4000000, 0, -20],
    ],
    [
      'Lambert conic 1SP',
      '+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=2.33722917 +k_0=0.99987742 +x_0=600000 +y_0=2200000 +ellps=clrk80 +units=m +no_defs',
      [600000, 10, 0, 2200000, 0, -10],
    ],
    [
      'azimuthal equidistant',
      '+proj=aeqd +lat_0=40 +lon_0=-100 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [-1000, 1, 0, 1000, 0, -1],
    ],
    [
      'oblique stereographic',
      '+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +units=m +no_defs',
      [155000, 1, 0, 463000, 0, -1],
    ],
    [
      'polar stereographic variant A (UPS north)',
      '+proj=stere +lat_0=90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000 +datum=WGS84 +units=m +no_defs',
      [1000000, 1000, 0, 3000000, 0, -1000],
    ],
    [
      'equirectangular',
      '+proj=eqc +lat_ts=30 +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [1000000, 100, 0, 3000000, 0, -100],
    ],
    [
      'Cassini-Soldner',
      '+proj=cass +lat_0=31.7340969444444 +lon_0=35.2120805555556 +x_0=170251.555 +y_0=126867.909 +ellps=helmert +units=m +no_defs',
      [170000, 5, 0, 127000, 0, -5],
    ],
    [
      'sinusoidal',
      '+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [2000000, 463.3, 0, 5000000, 0, -463.3],
    ],
    [
      'cylindrical equal area',
      '+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      [1000000, 1000, 0, 3000000, 0, -1000],
    ],
    [
      'geographic on Bessel with towgs84',
      '+proj=longlat +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +no_defs',
      [9, 0.001, 0, 52, 0, -0.001],
    ],
  ];
  it.each(userDefined)('user-defined CRS: %s', async (_name, crs, geoTransform) => {
    await expectToMatchGdal(aGeoTiff({ crs, geoTransform }));
  });

  const samples = [
    'utm.tif',
    'GeogToWGS84GeoKey5.tif',
    'umbra_mount_yasur.tiff',
    'bremen_sea_ice_conc_2022_9_9.tif',
    'wildfires.tiff',
  ];
  it.each(samples)('real-world sample %s', async (file) => {
    await expectToMatchGdal(join(SAMPLES, file));
  });
});

import { execFileSync } from 'node:child_process';

/** What GDAL reads from a file: the reference every validation result is compared with. */
export interface GdalReading {
  width: number;
  height: number;
  count: number;
  dtypes: string[];
  nodata: number | null;
  /** `EPSG:<code>` when GDAL identifies one (gdalinfo's `stac`), else `gdalsrsinfo -o proj4`. */
  crs: string;
  geoTransform: number[];
  pixelSize: [number, number];
  /** Corners (0,0), (W,0), (W,H), (0,H) in EPSG:4326 lon/lat, by gdaltransform. */
  corners: [number, number][];
  overviews: number;
}

const DTYPES: Record<string, string> = {
  Byte: 'uint8',
  Int8: 'int8',
  UInt16: 'uint16',
  Int16: 'int16',
  UInt32: 'uint32',
  Int32: 'int32',
  UInt64: 'uint64',
  Int64: 'int64',
  Float32: 'float32',
  Float64: 'float64',
  CInt16: 'complex_int16',
  CFloat32: 'complex64',
  CFloat64: 'complex128',
};

export function gdalReading(path: string): GdalReading {
  const info = JSON.parse(run('gdalinfo', ['-json', path]));
  const [width, height] = info.size as [number, number];
  const bands = info.bands as { type: string; noDataValue?: number | string; overviews?: unknown[] }[];
  const gt = exactGeoTransform(path);
  const epsg = info.stac?.['proj:epsg'];
  return {
    width,
    height,
    count: bands.length,
    dtypes: bands.map((band) => DTYPES[band.type] ?? band.type),
    // gdalinfo writes NaN and infinities as strings; API.md's nodata carries them as null.
    nodata: typeof bands[0].noDataValue === 'number' ? bands[0].noDataValue : null,
    crs: typeof epsg === 'number' ? `EPSG:${epsg}` : run('gdalsrsinfo', ['-o', 'proj4', path]).trim(),
    geoTransform: gt,
    pixelSize: [Math.hypot(gt[1], gt[4]), Math.hypot(gt[2], gt[5])],
    corners: cornersToLonLat(path, width, height),
    overviews: bands[0].overviews?.length ?? 0,
  };
}

/** gdalinfo -json prints 16 digits; a VRT's GeoTransform is written with 17, which round-trips. */
function exactGeoTransform(path: string): number[] {
  const vrt = run('gdal_translate', ['-q', '-of', 'VRT', path, '/vsistdout/']);
  const match = /<GeoTransform>([^<]+)<\/GeoTransform>/.exec(vrt);
  if (!match) throw new Error(`${path}: GDAL sees no geotransform`);
  return match[1].split(',').map(Number);
}

function cornersToLonLat(path: string, width: number, height: number): [number, number][] {
  const pixels = `0 0\n${width} 0\n${width} ${height}\n0 ${height}\n`;
  const out = run('gdaltransform', ['-t_srs', 'EPSG:4326', path], pixels);
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).slice(0, 2).map(Number) as [number, number]);
}

function run(command: string, args: string[], input?: string): string {
  return execFileSync(command, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

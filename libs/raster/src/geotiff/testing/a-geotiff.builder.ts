import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type GdalDataType = 'Byte' | 'UInt16' | 'Int16' | 'UInt32' | 'Int32' | 'Float32' | 'Float64';

export interface GeoTiffOptions {
  width?: number;
  height?: number;
  bands?: number;
  dtype?: GdalDataType;
  /** Anything `-a_srs` takes (EPSG code, PROJ text); null writes no CRS. */
  crs?: string | null;
  /** GDAL order [x0, dx/col, dx/row, y0, dy/col, dy/row]; null writes no georeferencing. */
  geoTransform?: readonly number[] | null;
  nodata?: number | 'nan';
  pixelIsPoint?: boolean;
  compress?: 'NONE' | 'LZW' | 'DEFLATE' | 'JPEG' | 'PACKBITS';
  tiled?: boolean;
  interleave?: 'PIXEL' | 'BAND';
  bigTiff?: boolean;
  /** PNG stands for "an image, but not a TIFF". */
  format?: 'GTiff' | 'COG' | 'PNG';
  /** Ground control points [pixel, line, x, y]: georeferenced, but only after warping. */
  gcps?: [number, number, number, number][];
  /** Internal overview factors added with gdaladdo. */
  overviews?: number[];
  /** Pixel values (band is zero-based); zeros when absent. */
  pixels?: (band: number, x: number, y: number) => number;
  /** GDAL colour interpretation per band, e.g. `Alpha` for a declared alpha band. */
  colorInterp?: string[];
  /** More GDAL creation options, e.g. `ENDIANNESS=BIG`, `NBITS=12`, `PREDICTOR=2`. */
  creationOptions?: string[];
}

const defaults = {
  width: 64,
  height: 48,
  bands: 1,
  dtype: 'Byte',
  crs: 'EPSG:32637',
  geoTransform: [500000, 10, 0, 4000000, 0, -10],
  compress: 'NONE',
  format: 'GTiff',
} as const;

let dir: string | undefined;
const made = new Map<string, string>();

/**
 * A GeoTIFF written by GDAL itself (zeros for pixels), cached by options in a per-run temp dir.
 * Defaults: 64x48 uint8, one band, UTM 37N with 10 m pixels, uncompressed strips.
 */
export function aGeoTiff(options: GeoTiffOptions = {}): string {
  const o = { ...defaults, ...options };
  const key = JSON.stringify({ ...o, pixels: o.pixels?.toString() });
  const existing = made.get(key);
  if (existing) return existing;
  dir ??= mkdtempSync(join(tmpdir(), 'raster-geotiff-'));
  const base = join(dir, `fixture-${made.size}`);
  if (o.pixels) writeRaw(`${base}.raw`, o, o.pixels);
  writeFileSync(`${base}.vrt`, vrtOf(o, o.pixels ? `${base}.raw` : undefined));
  const args = ['-q', '-of', o.format, ...creationOptions(o)];
  if (o.crs) args.push('-a_srs', o.crs);
  if (o.nodata !== undefined) args.push('-a_nodata', String(o.nodata));
  if (o.pixelIsPoint) args.push('-mo', 'AREA_OR_POINT=Point');
  for (const gcp of o.gcps ?? []) args.push('-gcp', ...gcp.map(String));
  execFileSync('gdal_translate', [...args, `${base}.vrt`, `${base}.tif`], { stdio: 'pipe' });
  rmSync(`${base}.raw`, { force: true });
  if (o.overviews?.length) execFileSync('gdaladdo', ['-q', `${base}.tif`, ...o.overviews.map(String)]);
  made.set(key, `${base}.tif`);
  return `${base}.tif`;
}

/** Deletes this run's fixtures; call from afterAll. */
export function removeGeoTiffFixtures(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  made.clear();
}

function creationOptions(o: GeoTiffOptions): string[] {
  if (o.format === 'PNG') return [];
  const co = [`COMPRESS=${o.compress}`];
  if (o.format === 'GTiff') {
    if (o.tiled) co.push('TILED=YES');
    if (o.interleave) co.push(`INTERLEAVE=${o.interleave}`);
    if (o.bigTiff) co.push('BIGTIFF=YES');
  }
  // The COG driver lays blocks out the same however many threads compress them; large COGs
  // (the previews benchmark's) are written several times faster.
  if (o.format === 'COG') co.push('NUM_THREADS=ALL_CPUS');
  co.push(...(o.creationOptions ?? []));
  return co.flatMap((option) => ['-co', option]);
}

type Shape = Required<Pick<GeoTiffOptions, 'width' | 'height' | 'bands' | 'dtype'>> & GeoTiffOptions;

const SAMPLE = {
  Byte: Uint8Array,
  UInt16: Uint16Array,
  Int16: Int16Array,
  UInt32: Uint32Array,
  Int32: Int32Array,
  Float32: Float32Array,
  Float64: Float64Array,
} as const;

/** Band after band, row after row, little-endian: written a row at a time, so any size fits in memory. */
function writeRaw(path: string, o: Shape, pixels: NonNullable<GeoTiffOptions['pixels']>): void {
  const fd = openSync(path, 'w');
  try {
    const row = new SAMPLE[o.dtype](o.width);
    for (let band = 0; band < o.bands; band++) {
      for (let y = 0; y < o.height; y++) {
        for (let x = 0; x < o.width; x++) row[x] = pixels(band, x, y);
        writeSync(fd, new Uint8Array(row.buffer));
      }
    }
  } finally {
    closeSync(fd);
  }
}

// A VRT with bands but no sources reads as zeros: a cheap source of any size, type and geotransform
// (including rotated ones, which gdal_translate's -a_ullr cannot express). With `raw`, the bands
// read from that file instead.
function vrtOf(o: Shape, raw?: string): string {
  const bytes = SAMPLE[o.dtype].BYTES_PER_ELEMENT;
  const source = (i: number) =>
    raw
      ? ` subClass="VRTRawRasterBand"><SourceFilename relativeToVRT="0">${raw}</SourceFilename>` +
        `<ImageOffset>${i * o.width * o.height * bytes}</ImageOffset><PixelOffset>${bytes}</PixelOffset>` +
        `<LineOffset>${o.width * bytes}</LineOffset><ByteOrder>LSB</ByteOrder>`
      : '>';
  const interp = (i: number) => (o.colorInterp?.[i] ? `<ColorInterp>${o.colorInterp[i]}</ColorInterp>` : '');
  const bands = Array.from(
    { length: o.bands },
    (_, i) => `<VRTRasterBand dataType="${o.dtype}" band="${i + 1}"${source(i)}${interp(i)}</VRTRasterBand>`,
  ).join('');
  const gt = o.geoTransform ? `<GeoTransform>${o.geoTransform.join(', ')}</GeoTransform>` : '';
  return `<VRTDataset rasterXSize="${o.width}" rasterYSize="${o.height}">${gt}${bands}</VRTDataset>`;
}

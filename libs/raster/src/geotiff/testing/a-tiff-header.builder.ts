import { writeFileSync } from 'node:fs';
import { tiffFileBytes, type TiffField, type TiffLayout } from './tiff-header.builder';

export type GeoKeyEntry = [number, number | number[] | string];

export interface TiffHeaderOptions extends TiffLayout {
  width?: number;
  height?: number;
  samplesPerPixel?: number;
  bitsPerSample?: number[];
  sampleFormat?: number[];
  /** Tiled with square tiles of this size, or [TileWidth, TileLength]. */
  tile?: number | [number, number];
  /** Strips of this many rows instead of tiles; `'absent'` leaves RowsPerStrip out (one strip). */
  rowsPerStrip?: number | 'absent';
  /** PlanarConfiguration 2: every band in blocks of its own. */
  planar?: boolean;
  /** Entries in the offset and byte-count arrays, where they should not match the image's blocks. */
  blockEntries?: number;
  /** Where block `index` starts instead of `packed` (arrays of up to 4096 entries only). */
  blockOffset?: (index: number, packed: number) => number;
  /** Reduced-resolution IFDs chained after the image, one tile each (a pyramid's top levels). */
  overviews?: number;
  pixelScale?: number[] | null;
  tiepoint?: number[] | null;
  transformation?: number[];
  /** [key, value]: a number is a SHORT, a number[] goes to GeoDoubleParams, a string to GeoAsciiParams. */
  geoKeys?: GeoKeyEntry[] | null;
  nodata?: string;
  /** Bytes cut from the declared file size (a truncated upload). */
  truncateBy?: number;
}

export interface TiffHeader {
  bytes: Buffer;
  /** The whole file's size, pixel data included; only `bytes` are materialised. */
  size: number;
}

/** Beyond this many blocks the offset arrays are only pointed at, never written. */
const MATERIALISED_BLOCKS = 4096;

/**
 * A minimal GeoTIFF header with defaults: 1000x1000 uint8, 256-pixel tiles, UTM 37N
 * (EPSG:32637) with 10 m pixels at (500000, 4000000).
 */
export function aTiffHeader(options: TiffHeaderOptions = {}): TiffHeader {
  const { width = 1000, height = 1000, samplesPerPixel = 1, bigTiff } = options;
  const bitsPerSample = options.bitsPerSample ?? Array(samplesPerPixel).fill(8);
  const shape = blockShape(options, width, height, samplesPerPixel);
  const blockBytes = (shape.width * shape.length * (options.planar ? 1 : samplesPerPixel) * bitsPerSample[0]) / 8;
  const blocks = options.blockEntries ?? shape.count;
  const geoKeys = options.geoKeys === undefined ? utm37n : options.geoKeys;
  const fields: TiffField[] = [
    { tag: 256, type: 'LONG', values: [width] },
    { tag: 257, type: 'LONG', values: [height] },
    { tag: 258, type: 'SHORT', values: bitsPerSample },
    { tag: 259, type: 'SHORT', values: [1] },
    { tag: 262, type: 'SHORT', values: [1] },
    { tag: 277, type: 'SHORT', values: [samplesPerPixel] },
    ...shape.fields,
    ...(options.planar ? [{ tag: 284, type: 'SHORT' as const, values: [2] }] : []),
    ...(options.sampleFormat ? [{ tag: 339, type: 'SHORT' as const, values: options.sampleFormat }] : []),
    ...(options.pixelScale !== null
      ? [{ tag: 33550, type: 'DOUBLE' as const, values: options.pixelScale ?? [10, 10, 0] }]
      : []),
    ...(options.tiepoint !== null
      ? [{ tag: 33922, type: 'DOUBLE' as const, values: options.tiepoint ?? [0, 0, 0, 500000, 4000000, 0] }]
      : []),
    ...(options.transformation ? [{ tag: 34264, type: 'DOUBLE' as const, values: options.transformation }] : []),
    ...geoKeyFields(geoKeys),
    ...(options.nodata !== undefined ? [{ tag: 42113, type: 'ASCII' as const, values: options.nodata }] : []),
  ];
  const offsetType = bigTiff ? 'LONG8' : 'LONG';
  const tags = shape.tiled ? ([324, 325] as const) : ([273, 279] as const);
  const arrays = (dataStart: number, arraysAt?: number): TiffField[] => {
    if (blocks <= MATERIALISED_BLOCKS) {
      const packed = (i: number) => dataStart + i * blockBytes;
      const offsets = Array.from({ length: blocks }, (_, i) => options.blockOffset?.(i, packed(i)) ?? packed(i));
      return [
        { tag: tags[0], type: offsetType, values: offsets },
        { tag: tags[1], type: offsetType, values: Array(blocks).fill(blockBytes) },
      ];
    }
    const at = arraysAt ?? 1;
    return [
      { tag: tags[0], type: offsetType, values: [], virtual: { offset: at, count: blocks } },
      { tag: tags[1], type: offsetType, values: [], virtual: { offset: at + blocks * 8, count: blocks } },
    ];
  };
  const ifds = (dataStart: number, arraysAt?: number) => [
    [...fields, ...arrays(dataStart, arraysAt)],
    ...overviewIfds(options.overviews ?? 0, shape, dataStart),
  ];
  // The header's size does not depend on the offsets' values: measure it, then place the data after it.
  const probe = tiffFileBytes(ifds(0), options);
  const arraysAt = probe.length + 64;
  const dataStart = arraysAt + 2 * blocks * (bigTiff ? 8 : 4);
  const bytes = tiffFileBytes(ifds(dataStart, arraysAt), options);
  return { bytes, size: dataStart + blocks * blockBytes - (options.truncateBy ?? 0) };
}

/** Writes the header to `path` with its pixel data as zeros: a file GDAL can read too. */
export function writeTiffHeader(path: string, { bytes, size }: TiffHeader): string {
  const file = Buffer.alloc(size);
  bytes.copy(file);
  writeFileSync(path, file);
  return path;
}

interface BlockShape {
  tiled: boolean;
  width: number;
  length: number;
  /** Blocks the image needs, by the TIFF rules (NaN or Infinity for a zero-sized block). */
  count: number;
  fields: TiffField[];
}

function blockShape(options: TiffHeaderOptions, width: number, height: number, samples: number): BlockShape {
  const bands = options.planar ? samples : 1;
  const { rowsPerStrip } = options;
  if (rowsPerStrip !== undefined) {
    const rows = rowsPerStrip === 'absent' ? height : Math.min(rowsPerStrip, height);
    const fields: TiffField[] = rowsPerStrip === 'absent' ? [] : [{ tag: 278, type: 'LONG', values: [rowsPerStrip] }];
    return { tiled: false, width, length: rows, count: Math.ceil(height / rows) * bands, fields };
  }
  const [tw, tl] = typeof options.tile === 'number' ? [options.tile, options.tile] : (options.tile ?? [256, 256]);
  const fields: TiffField[] = [
    { tag: 322, type: 'LONG', values: [tw] },
    { tag: 323, type: 'LONG', values: [tl] },
  ];
  return { tiled: true, width: tw, length: tl, count: Math.ceil(width / tw) * Math.ceil(height / tl) * bands, fields };
}

function overviewIfds(count: number, shape: BlockShape, dataStart: number): TiffField[][] {
  return Array.from({ length: count }, () => [
    { tag: 254, type: 'LONG', values: [1] },
    { tag: 256, type: 'LONG', values: [shape.width] },
    { tag: 257, type: 'LONG', values: [shape.length] },
    { tag: 258, type: 'SHORT', values: [8] },
    ...shape.fields,
    { tag: shape.tiled ? 324 : 273, type: 'LONG', values: [dataStart] },
    { tag: shape.tiled ? 325 : 279, type: 'LONG', values: [0] },
  ]);
}

function geoKeyFields(keys: GeoKeyEntry[] | null): TiffField[] {
  if (!keys) return [];
  const directory = [1, 1, 0, keys.length];
  const doubles: number[] = [];
  let ascii = '';
  for (const [key, value] of [...keys].sort((a, b) => a[0] - b[0])) {
    if (typeof value === 'number') directory.push(key, 0, 1, value);
    else if (typeof value === 'string') {
      directory.push(key, 34737, value.length + 1, ascii.length);
      ascii += `${value}|`;
    } else directory.push(key, 34736, value.length, doubles.push(...value) - value.length);
  }
  return [
    { tag: 34735, type: 'SHORT', values: directory },
    ...(doubles.length > 0 ? [{ tag: 34736, type: 'DOUBLE' as const, values: doubles }] : []),
    ...(ascii ? [{ tag: 34737, type: 'ASCII' as const, values: ascii }] : []),
  ];
}

const utm37n: GeoKeyEntry[] = [
  [1024, 1], // GTModelType: projected
  [1025, 1], // GTRasterType: PixelIsArea
  [3072, 32637], // ProjectedCSType
];

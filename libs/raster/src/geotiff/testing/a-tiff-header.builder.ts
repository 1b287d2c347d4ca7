import { tiffBytes, type TiffField, type TiffLayout } from './tiff-header.builder';

export interface TiffHeaderOptions extends TiffLayout {
  width?: number;
  height?: number;
  samplesPerPixel?: number;
  bitsPerSample?: number[];
  sampleFormat?: number[];
  /** Tiled with square tiles of this size. */
  tile?: number;
  pixelScale?: number[] | null;
  tiepoint?: number[] | null;
  transformation?: number[];
  /** [key, value]: a number is a SHORT, a number[] goes to GeoDoubleParams. */
  geoKeys?: [number, number | number[]][] | null;
  nodata?: string;
  /** Bytes cut from the declared file size (a truncated upload). */
  truncateBy?: number;
}

export interface TiffHeader {
  bytes: Buffer;
  /** The whole file's size, pixel data included; only `bytes` are materialised. */
  size: number;
}

/** Beyond this many tiles the offset arrays are only pointed at, never written. */
const MATERIALISED_TILES = 4096;

/**
 * A minimal GeoTIFF header with defaults: 1000x1000 uint8, 256-pixel tiles, UTM 37N
 * (EPSG:32637) with 10 m pixels at (500000, 4000000).
 */
export function aTiffHeader(options: TiffHeaderOptions = {}): TiffHeader {
  const { width = 1000, height = 1000, samplesPerPixel = 1, tile = 256 } = options;
  const bitsPerSample = options.bitsPerSample ?? Array(samplesPerPixel).fill(8);
  const tileBytes = (tile * tile * samplesPerPixel * bitsPerSample[0]) / 8;
  const tiles = Math.ceil(width / tile) * Math.ceil(height / tile);
  const geoKeys = options.geoKeys === undefined ? utm37n : options.geoKeys;
  const fields: TiffField[] = [
    { tag: 256, type: 'LONG', values: [width] },
    { tag: 257, type: 'LONG', values: [height] },
    { tag: 258, type: 'SHORT', values: bitsPerSample },
    { tag: 259, type: 'SHORT', values: [1] },
    { tag: 262, type: 'SHORT', values: [1] },
    { tag: 277, type: 'SHORT', values: [samplesPerPixel] },
    { tag: 322, type: 'SHORT', values: [tile] },
    { tag: 323, type: 'SHORT', values: [tile] },
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
  const layout = { bigTiff: options.bigTiff, littleEndian: options.littleEndian };
  const offsetType = options.bigTiff ? 'LONG8' : 'LONG';
  // The header's size does not depend on the offsets' values: measure it, then place the data after it.
  const probe = tiffBytes([...fields, ...blockFields(tiles, 0, tileBytes, offsetType)], layout);
  const arraysAt = probe.length + 64;
  const dataStart = arraysAt + 2 * tiles * (options.bigTiff ? 8 : 4);
  const bytes = tiffBytes([...fields, ...blockFields(tiles, dataStart, tileBytes, offsetType, arraysAt)], layout);
  return { bytes, size: dataStart + tiles * tileBytes - (options.truncateBy ?? 0) };
}

function blockFields(
  tiles: number,
  dataStart: number,
  tileBytes: number,
  type: 'LONG' | 'LONG8',
  arraysAt?: number,
): TiffField[] {
  if (tiles > MATERIALISED_TILES) {
    const at = arraysAt ?? 1;
    return [
      { tag: 324, type, values: [], virtual: { offset: at, count: tiles } },
      { tag: 325, type, values: [], virtual: { offset: at + tiles * 8, count: tiles } },
    ];
  }
  return [
    { tag: 324, type, values: Array.from({ length: tiles }, (_, i) => dataStart + i * tileBytes) },
    { tag: 325, type, values: Array(tiles).fill(tileBytes) },
  ];
}

function geoKeyFields(keys: [number, number | number[]][] | null): TiffField[] {
  if (!keys) return [];
  const directory = [1, 1, 0, keys.length];
  const doubles: number[] = [];
  for (const [key, value] of [...keys].sort((a, b) => a[0] - b[0])) {
    if (typeof value === 'number') directory.push(key, 0, 1, value);
    else directory.push(key, 34736, value.length, doubles.push(...value) - value.length);
  }
  return [
    { tag: 34735, type: 'SHORT', values: directory },
    ...(doubles.length > 0 ? [{ tag: 34736, type: 'DOUBLE' as const, values: doubles }] : []),
  ];
}

const utm37n: [number, number][] = [
  [1024, 1], // GTModelType: projected
  [1025, 1], // GTRasterType: PixelIsArea
  [3072, 32637], // ProjectedCSType
];

import { readFileSync } from 'node:fs';
import { aGeoTiff, type GeoTiffOptions } from '../../../libs/raster/src/geotiff/testing/a-geotiff.builder';
import { aTiffHeader, type TiffHeaderOptions } from '../../../libs/raster/src/geotiff/testing/a-tiff-header.builder';
import type { ProbeCase, ProbeTargets, SeededRandom } from './probe-case';
import { multipartOf } from './multipart-body';

const MATERIALISE_UP_TO = 2 * 1024 * 1024;

/** The header with its zeros for pixels when that is small; else the header alone (a truncated file). */
function fileOf(options: TiffHeaderOptions): Buffer {
  const { bytes, size } = aTiffHeader({ width: 256, height: 256, tile: 64, ...options });
  if (!Number.isFinite(size) || size > MATERIALISE_UP_TO || size <= bytes.length) return bytes;
  const file = Buffer.alloc(size);
  bytes.copy(file);
  return file;
}

/**
 * Layouts no reader can honour (issue 11: zero or absurd tiles and strips, block counts that do not
 * match the image, offsets outside the file, a cut file, more pixels than the plan's): validation
 * must refuse them, whatever the route. An IFD chain that loops is not among them: its first IFD
 * is sound, and validation ends the chain where it loops, as GDAL reads it
 * (validate-geotiff.layout.unit.spec.ts); the probe holds it to no hang, no 5xx, a settled preview.
 */
const IMPOSSIBLE = new Set([
  'zero tiles',
  'zero-width tiles',
  '2^31-pixel tiles',
  '10^10 one-pixel tiles (BigTIFF)',
  '10^10 one-pixel tiles (classic, counts wrap)',
  'RowsPerStrip 0',
  'one block entry for sixteen',
  'no block entries',
  '5,000 block entries for sixteen',
  'twice the block entries',
  'block offsets past the end',
  'block offsets a GB past the data',
  'first IFD past the end',
  'first IFD at 0',
  'first IFD inside the header',
  'BigTIFF with its IFD at 2^40',
  '0 x 0 pixels',
  '0 samples per pixel',
  '0 bits per sample',
  'a file cut short',
  '200,000 x 200,000 pixels',
  '2^32-1 x 1 pixels',
]);

/** Hostile layouts aTiffHeader can express: each one a way a header-only validator can be fooled. */
const crafted: [string, TiffHeaderOptions][] = [
  ['zero tiles', { tile: 0 }],
  ['zero-width tiles', { tile: [0, 64] }],
  ['2^31-pixel tiles', { tile: 2 ** 31 }],
  ['10^6 one-pixel tiles', { width: 1000, height: 1000, tile: 1 }],
  ['10^10 one-pixel tiles (BigTIFF)', { width: 100_000, height: 100_000, tile: 1, bigTiff: true }],
  ['10^10 one-pixel tiles (classic, counts wrap)', { width: 100_000, height: 100_000, tile: 1 }],
  ['RowsPerStrip 0', { rowsPerStrip: 0 }],
  ['RowsPerStrip 2^32-1', { rowsPerStrip: 2 ** 32 - 1 }],
  ['no RowsPerStrip', { rowsPerStrip: 'absent' }],
  ['one block entry for sixteen', { blockEntries: 1 }],
  ['no block entries', { blockEntries: 0 }],
  ['5,000 block entries for sixteen', { blockEntries: 5000 }],
  ['twice the block entries', { blockEntries: 32 }],
  ['block offsets past the end', { blockOffset: () => 0xfffffff0 }],
  ['block offsets a GB past the data', { blockOffset: (_, packed) => packed + 1e9 }],
  ['every block at offset 0', { blockOffset: () => 0 }],
  ['every block inside the header', { blockOffset: () => 8 }],
  ['an IFD loop through overviews', { overviews: 3, lastLinksTo: 0 }],
  ['an IFD linking to itself', { lastLinksTo: 0 }],
  ['50 overviews', { overviews: 50 }],
  ['first IFD past the end', { firstIfdAt: 0xfffffff0 }],
  ['first IFD at 0', { firstIfdAt: 0 }],
  ['first IFD inside the header', { firstIfdAt: 3 }],
  ['BigTIFF', { bigTiff: true }],
  ['BigTIFF with its IFD at 2^40', { bigTiff: true, firstIfdAt: 2 ** 40 }],
  ['BigTIFF, an IFD loop', { bigTiff: true, overviews: 2, lastLinksTo: 1 }],
  ['big-endian', { littleEndian: false }],
  ['200,000 x 200,000 pixels', { width: 200_000, height: 200_000, tile: 256 }],
  ['2^32-1 x 1 pixels', { width: 2 ** 32 - 1, height: 1, tile: 256 }],
  ['1 x 2^32-1 pixels', { width: 1, height: 2 ** 32 - 1, rowsPerStrip: 1 }],
  ['0 x 0 pixels', { width: 0, height: 0 }],
  ['0 samples per pixel', { samplesPerPixel: 0, bitsPerSample: [8] }],
  ['65,535 samples per pixel', { samplesPerPixel: 65_535, bitsPerSample: [8] }],
  ['1,000 planar bands', { samplesPerPixel: 1000, planar: true, width: 64, height: 64 }],
  ['0 bits per sample', { bitsPerSample: [0] }],
  ['3 bits per sample', { bitsPerSample: [3] }],
  ['sample format 9', { sampleFormat: [9] }],
  ['8-bit floats', { sampleFormat: [3] }],
  ['no geokeys', { geoKeys: null }],
  [
    'an unknown projected CRS',
    {
      geoKeys: [
        [1024, 1],
        [3072, 65_535],
      ],
    },
  ],
  [
    'CRS code 0',
    {
      geoKeys: [
        [1024, 1],
        [3072, 0],
      ],
    },
  ],
  [
    'a 5,000-character citation',
    {
      geoKeys: [
        [1024, 1],
        [3072, 32637],
        [1026, 'c'.repeat(5000)],
      ],
    },
  ],
  ['1,000 geokeys', { geoKeys: Array.from({ length: 1000 }, (_, i) => [4096 + i, 1] as [number, number]) }],
  ['zero pixel size', { pixelScale: [0, 0, 0] }],
  ['negative pixel size', { pixelScale: [-10, 10, 0] }],
  ['1e308 pixel size', { pixelScale: [1e308, 1e308, 0] }],
  ['NaN pixel size', { pixelScale: [NaN, NaN, 0] }],
  ['a tiepoint at 1e308', { tiepoint: [0, 0, 0, 1e308, -1e308, 0] }],
  ['no pixel scale, no tiepoint', { pixelScale: null, tiepoint: null }],
  ['an all-zero transformation', { pixelScale: null, tiepoint: null, transformation: Array(16).fill(0) }],
  ['a NaN transformation', { pixelScale: null, tiepoint: null, transformation: Array(16).fill(NaN) }],
  ['a text nodata', { nodata: 'not-a-number' }],
  ['a 10,000-character nodata', { nodata: '9'.repeat(10_000) }],
  ['a file cut short', { truncateBy: 1000 }],
];

/** Real files by GDAL that are odd but legal, or almost. */
const written: [string, GeoTiffOptions][] = [
  ['a GDAL BigTIFF', { bigTiff: true }],
  ['a JPEG-compressed RGB', { bands: 3, compress: 'JPEG', tiled: true }],
  ['a COG', { format: 'COG' }],
  ['Float64 with NaN nodata', { dtype: 'Float64', nodata: 'nan' }],
  ['no CRS', { crs: null }],
  [
    'GCPs only',
    {
      geoTransform: null,
      gcps: [
        [0, 0, 500000, 4000000],
        [64, 48, 500640, 3999520],
      ],
    },
  ],
  ['corners beyond the poles', { crs: 'EPSG:4326', geoTransform: [179.5, 1, 0, 95, 0, -1] }],
  ['internal overviews', { width: 256, height: 256, overviews: [2, 4, 8] }],
];

/** Seeded damage to a small valid GeoTIFF: mostly its header and IFD, sometimes anywhere, or a cut. */
function mutations(tiff: Buffer, random: SeededRandom, count: number): [string, Buffer][] {
  return Array.from({ length: count }, (_, i) => {
    const roll = random.next();
    if (roll < 0.15) {
      const cut = random.int(tiff.length);
      return [`mutation ${i}: cut at ${cut}`, tiff.subarray(0, cut)];
    }
    const bytes = Buffer.from(tiff);
    const span = roll < 0.3 ? bytes.length : 512;
    const flips = 1 + random.int(8);
    const at: number[] = [];
    for (let f = 0; f < flips; f++) {
      const where = random.int(span);
      bytes[where] = random.pick([0x00, 0xff, bytes[where] ^ 0xff, random.int(256)]);
      at.push(where);
    }
    return [`mutation ${i}: bytes ${at.join(',')}`, bytes];
  });
}

/** API.md's raster refusals; MemoryLimitExceeded when a concurrent chunked upload holds what is free. */
const refused = {
  mustFail: true,
  expectStatus: [400],
  expectCode: ['FileOpenError', 'FileCheckFailed', 'FileValidationFailed', 'ImageTooLarge', 'MemoryLimitExceeded'],
};

export function tiffCases(t: ProbeTargets, random: SeededRandom): ProbeCase[] {
  // A misspelt name would quietly drop a refusal from the probe.
  const unknown = [...IMPOSSIBLE].filter((name) => !crafted.some(([c]) => c === name));
  if (unknown.length > 0) throw new Error(`IMPOSSIBLE names no crafted file: ${unknown.join(', ')}`);
  const routes = [`/rest/rasters/mosaic/${t.aliceMosaicId}/image`, '/rest/rasters/mosaic/image?name=probe-tiff'];
  const files: [string, Buffer][] = [
    ...crafted.map(([name, options]): [string, Buffer] => [name, fileOf(options)]),
    ...written.map(([name, options]): [string, Buffer] => [name, readFileSync(aGeoTiff(options))]),
    ...mutations(t.tiff, random, 40),
  ];
  return files.map(([name, bytes]) => ({
    category: 'tiff' as const,
    name: `upload of ${name}`,
    method: 'POST',
    path: random.pick(routes),
    ...multipartOf([{ name: 'file', filename: `${name.replace(/[^a-z0-9]+/gi, '-')}.tif`, bytes }]),
    ...(IMPOSSIBLE.has(name) ? refused : {}),
  }));
}

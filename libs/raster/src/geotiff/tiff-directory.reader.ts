import { GeoTIFF } from 'geotiff';
import type { ImageFileDirectory } from 'geotiff';
import { BlockCachedSource, DEFAULT_BLOCK_CACHE, type BlockCacheOptions } from './block-cached-source';
import type { ModelTags } from './geotransform';
import { parseGeoKeys, type GeoKeys } from './geokeys';
import type { RangeSource } from './range-source';

/** The first image's tags that validation reads: all of them live in the header. */
export interface TiffHeader {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample?: ArrayLike<number>;
  sampleFormat?: ArrayLike<number>;
  modelTags: ModelTags;
  geoKeys: GeoKeys;
  gdalNodata?: string;
}

export interface TiffFile {
  header: TiffHeader;
  /** Where the full-resolution image's data ends, judged by its first and last blocks. */
  dataEnd(): Promise<number>;
  /** Reduced-resolution images (internal overviews), masks excluded. */
  overviewCount(): Promise<number>;
}

/** The bytes are not a TIFF we can read (empty, another format, cut short, nonsense offsets). */
export class TiffUnreadable extends Error {}

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  stripOffsets: 273,
  samplesPerPixel: 277,
  stripByteCounts: 279,
  tileOffsets: 324,
  tileByteCounts: 325,
  sampleFormat: 339,
  pixelScale: 33550,
  tiepoints: 33922,
  transformation: 34264,
  geoKeyDirectory: 34735,
  geoDoubleParams: 34736,
  geoAsciiParams: 34737,
  gdalNodata: 42113,
} as const;
const FIELD_BYTES: Record<number, number> = { 3: 2, 4: 4, 16: 8 };
const REDUCED_IMAGE = 1;
const MASK = 4;
/** More IFDs than any overview pyramid has; also ends a crafted IFD chain that loops. */
const MAX_IFDS = 64;

/**
 * Opens a TIFF through geotiff.js, which parses IFDs lazily: strip and tile offset arrays (the
 * only header parts that grow with the image) stay unread, so what this costs is the header.
 */
export async function openTiff(source: RangeSource, cache: BlockCacheOptions = DEFAULT_BLOCK_CACHE): Promise<TiffFile> {
  const blocks = new BlockCachedSource(source, cache);
  const tiff = await unreadableOnError(() => GeoTIFF.fromSource(blocks));
  const first = (await unreadableOnError(() => tiff.getImage(0))).fileDirectory;
  const header = unreadableOnError(() => headerOf(first));
  return {
    header,
    dataEnd: () => unreadableOnError(() => dataEnd(first, blocks, tiff.littleEndian)),
    overviewCount: () => overviewCount(tiff, first),
  };
}

function headerOf(ifd: ImageFileDirectory): TiffHeader {
  const value = (tag: number) => ifd.getValue(tag as never) as unknown;
  const numbers = (tag: number) => asNumbers(value(tag));
  const text = (tag: number) => (typeof value(tag) === 'string' ? (value(tag) as string) : undefined);
  return {
    width: numbers(TAG.width)?.[0] ?? 0,
    height: numbers(TAG.height)?.[0] ?? 0,
    samplesPerPixel: numbers(TAG.samplesPerPixel)?.[0] ?? 1,
    bitsPerSample: numbers(TAG.bitsPerSample),
    sampleFormat: numbers(TAG.sampleFormat),
    modelTags: {
      pixelScale: numbers(TAG.pixelScale),
      tiepoints: numbers(TAG.tiepoints),
      transformation: numbers(TAG.transformation),
    },
    geoKeys: parseGeoKeys(numbers(TAG.geoKeyDirectory), numbers(TAG.geoDoubleParams), text(TAG.geoAsciiParams)),
    gdalNodata: text(TAG.gdalNodata),
  };
}

function asNumbers(value: unknown): number[] | undefined {
  if (typeof value === 'number') return [value];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<number>, Number);
  return undefined;
}

/**
 * The end of the first and of the last block of the full-resolution image, whichever is further:
 * a file cut short (an interrupted copy) ends before its last block. Reads two array entries,
 * not the arrays. geotiff.js's own per-index read assumes little-endian, so entries are decoded here.
 */
async function dataEnd(ifd: ImageFileDirectory, blocks: BlockCachedSource, littleEndian: boolean): Promise<number> {
  const tiled = ifd.hasTag(TAG.tileOffsets);
  const offsets = tiled ? TAG.tileOffsets : TAG.stripOffsets;
  const counts = tiled ? TAG.tileByteCounts : TAG.stripByteCounts;
  const length = entryCount(ifd, offsets);
  if (length === 0 || entryCount(ifd, counts) !== length) throw new TiffUnreadable('no image data blocks');
  let end = 0;
  for (const index of new Set([0, length - 1])) {
    const offset = await entry(ifd, offsets, index, blocks, littleEndian);
    const count = await entry(ifd, counts, index, blocks, littleEndian);
    end = Math.max(end, offset + count);
  }
  return end;
}

function entryCount(ifd: ImageFileDirectory, tag: number): number {
  const deferred = ifd.deferredArrays.get(tag);
  if (deferred) return deferred.length;
  return asNumbers(ifd.actualizedFields.get(tag))?.length ?? 0;
}

async function entry(
  ifd: ImageFileDirectory,
  tag: number,
  index: number,
  blocks: BlockCachedSource,
  littleEndian: boolean,
): Promise<number> {
  const deferred = ifd.deferredArrays.get(tag);
  if (!deferred) return asNumbers(ifd.actualizedFields.get(tag))?.[index] ?? 0;
  const size = FIELD_BYTES[deferred.fieldType];
  if (!size) throw new TiffUnreadable(`tag ${tag} has field type ${deferred.fieldType}`);
  const bytes = await blocks.readExact(deferred.arrayOffset + index * size, size);
  const view = new DataView(bytes);
  if (view.byteLength < size) throw new TiffUnreadable(`tag ${tag} points past the end of the file`);
  if (size === 2) return view.getUint16(0, littleEndian);
  if (size === 4) return view.getUint32(0, littleEndian);
  return Number(view.getBigUint64(0, littleEndian));
}

/**
 * Overviews are informational: a broken link further down the IFD chain ends the count (as
 * libtiff stops there too) instead of rejecting an image whose own header is sound.
 */
async function overviewCount(tiff: GeoTIFF, first: ImageFileDirectory): Promise<number> {
  const seen = new Set<number>();
  let ifd = first;
  let overviews = 0;
  for (let index = 1; index < MAX_IFDS && ifd.nextIFDByteOffset && !seen.has(ifd.nextIFDByteOffset); index++) {
    seen.add(ifd.nextIFDByteOffset);
    try {
      ifd = (await tiff.getImage(index)).fileDirectory;
    } catch {
      break;
    }
    const subfileType = asNumbers(ifd.getValue(254 as never))?.[0] ?? 0;
    if (subfileType & REDUCED_IMAGE && !(subfileType & MASK)) overviews++;
  }
  return overviews;
}

function unreadableOnError<T>(read: () => T): T {
  try {
    const result = read();
    if (result instanceof Promise) return result.catch(asUnreadable) as T;
    return result;
  } catch (error) {
    return asUnreadable(error);
  }
}

function asUnreadable(error: unknown): never {
  if (error instanceof TiffUnreadable) throw error;
  throw new TiffUnreadable(error instanceof Error ? error.message : String(error));
}

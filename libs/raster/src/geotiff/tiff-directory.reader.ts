import { GeoTIFF } from 'geotiff';
import type { ImageFileDirectory } from 'geotiff';
import { BlockCachedSource, DEFAULT_BLOCK_CACHE, type BlockCacheOptions } from './block-cached-source';
import { guardedImage } from './guarded-image';
import type { ModelTags } from './geotransform';
import { parseGeoKeys, type GeoKeys } from './geokeys';
import type { RangeSource } from './range-source';
import { blockLayoutProblem, type BlockLayout } from './tiff-block-layout';
import { asNumbers, blockArraysProblem, blockLayoutOf, checkBlocks } from './tiff-block-table.reader';
import { TiffUnreadable } from './tiff-unreadable';

export { TiffUnreadable } from './tiff-unreadable';

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
  /** Throws TiffUnreadable when a block of the full-resolution image lies outside `fileSize` bytes. */
  checkBlocks(fileSize: number): Promise<void>;
  /** Reduced-resolution images (internal overviews), masks excluded. */
  overviewCount(): Promise<number>;
}

const TAG = {
  sampleFormat: 339,
  pixelScale: 33550,
  tiepoints: 33922,
  transformation: 34264,
  geoKeyDirectory: 34735,
  geoDoubleParams: 34736,
  geoAsciiParams: 34737,
  gdalNodata: 42113,
} as const;
const REDUCED_IMAGE = 1;
const MASK = 4;
/** More IFDs than any overview pyramid has; also ends a crafted IFD chain that loops. */
const MAX_IFDS = 64;

/**
 * Opens a TIFF through geotiff.js, which parses IFDs lazily: strip and tile offset arrays (the
 * only header parts that grow with the image) stay unread, so what this costs is the header.
 * A layout no file can hold (see tiff-block-layout) is refused here, before anything else is read.
 */
export async function openTiff(source: RangeSource, cache: BlockCacheOptions = DEFAULT_BLOCK_CACHE): Promise<TiffFile> {
  const blocks = new BlockCachedSource(source, cache);
  const tiff = await unreadableOnError(() => GeoTIFF.fromSource(blocks));
  const ifdProblem = firstIfdProblem(tiff, blocks.fileSize);
  if (ifdProblem) throw new TiffUnreadable(ifdProblem);
  const first = (await unreadableOnError(() => guardedImage(tiff, blocks, 0))).fileDirectory;
  const layout = unreadableOnError(() => blockLayoutOf(first));
  const layoutProblem = blockLayoutProblem(layout);
  if (layoutProblem) throw new TiffUnreadable(layoutProblem);
  const header = unreadableOnError(() => headerOf(first, layout));
  return {
    header,
    // Where the block arrays lie is checked with the blocks, after the plan's size limit: a
    // header too large for the plan is answered ImageTooLarge even when its arrays are cut off.
    checkBlocks: (fileSize) =>
      unreadableOnError(async () => {
        const arraysProblem = blockArraysProblem(first, fileSize);
        if (arraysProblem) throw new TiffUnreadable(arraysProblem);
        await checkBlocks(first, blocks, tiff.littleEndian, fileSize);
      }),
    overviewCount: () => overviewCount(tiff, blocks, first),
  };
}

/** libtiff refuses these too: the header's link must land past the header and inside the file. */
function firstIfdProblem(tiff: GeoTIFF, fileSize: number): string | undefined {
  const at = tiff.firstIFDOffset;
  if (at < (tiff.bigTiff ? 16 : 8)) return `first IFD at ${at}, inside the TIFF header`;
  if (at >= fileSize) return `first IFD at ${at}, past the end of the file (${fileSize} bytes)`;
  return undefined;
}

function headerOf(ifd: ImageFileDirectory, layout: BlockLayout): TiffHeader {
  const value = (tag: number) => ifd.getValue(tag as never) as unknown;
  const numbers = (tag: number) => asNumbers(value(tag));
  const text = (tag: number) => (typeof value(tag) === 'string' ? (value(tag) as string) : undefined);
  return {
    width: layout.width,
    height: layout.height,
    samplesPerPixel: layout.samplesPerPixel,
    bitsPerSample: layout.bitsPerSample,
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

/**
 * Overviews are informational: a broken link further down the IFD chain ends the count (as
 * libtiff stops there too) instead of rejecting an image whose own header is sound.
 */
async function overviewCount(tiff: GeoTIFF, blocks: BlockCachedSource, first: ImageFileDirectory): Promise<number> {
  // Every IFD is visited at most once: a link back to any of them, the first included, ends the chain.
  const seen = new Set<number>([tiff.firstIFDOffset]);
  let ifd = first;
  let overviews = 0;
  for (let index = 1; index < MAX_IFDS && ifd.nextIFDByteOffset && !seen.has(ifd.nextIFDByteOffset); index++) {
    seen.add(ifd.nextIFDByteOffset);
    try {
      ifd = (await guardedImage(tiff, blocks, index)).fileDirectory;
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

import type { ImageFileDirectory } from 'geotiff';
import type { BlockCachedSource } from './block-cached-source';
import type { BlockLayout } from './tiff-block-layout';
import { TiffUnreadable } from './tiff-unreadable';

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  planarConfiguration: 284,
  tileWidth: 322,
  tileLength: 323,
  tileOffsets: 324,
  tileByteCounts: 325,
} as const;
const FIELD_BYTES: Record<number, number> = { 3: 2, 4: 4, 16: 8 };
const PLANAR_SEPARATE = 2;
/**
 * Offset arrays up to this many entries (32 KiB each at most, BigTIFF) are checked entry by entry,
 * each in one read; longer ones, which grow with the image, by their first and last entries only.
 */
const CHECKED_WHOLE = 4096;

export function asNumbers(value: unknown): number[] | undefined {
  if (typeof value === 'number') return [value];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value as ArrayLike<number>, Number);
  return undefined;
}

/** The layout tags of an IFD: all of them single values or short arrays geotiff.js has already read. */
export function blockLayoutOf(ifd: ImageFileDirectory): BlockLayout {
  const first = (tag: number) => asNumbers(ifd.getValue(tag as never))?.[0];
  const { offsets, byteCounts } = blockTags(ifd);
  const tiled = offsets === TAG.tileOffsets;
  return {
    width: first(TAG.width) ?? 0,
    height: first(TAG.height) ?? 0,
    samplesPerPixel: first(TAG.samplesPerPixel) ?? 1,
    bitsPerSample: asNumbers(ifd.getValue(TAG.bitsPerSample as never)),
    planar: first(TAG.planarConfiguration) === PLANAR_SEPARATE,
    tile: tiled ? { width: first(TAG.tileWidth), length: first(TAG.tileLength) } : undefined,
    rowsPerStrip: tiled ? undefined : first(TAG.rowsPerStrip),
    offsets: entryCount(ifd, offsets),
    byteCounts: entryCount(ifd, byteCounts),
  };
}

/** Offset and byte-count arrays that geotiff.js left unread must still lie inside the file. */
export function blockArraysProblem(ifd: ImageFileDirectory, fileSize: number): string | undefined {
  for (const tag of Object.values(blockTags(ifd))) {
    const deferred = ifd.deferredArrays.get(tag);
    if (!deferred) continue;
    const end = deferred.arrayOffset + deferred.length * (FIELD_BYTES[deferred.fieldType] ?? 0);
    if (!(end <= fileSize)) return `tag ${tag}: ${deferred.length} entries run past the end of the file`;
  }
  return undefined;
}

/**
 * Every block of the full-resolution image must lie inside the file: one that ends past it means
 * a file cut short (an interrupted copy) or a forged offset. Short arrays are checked whole, long
 * ones by their first and last blocks. geotiff.js's own per-index read assumes little-endian, so
 * entries are decoded here.
 */
export async function checkBlocks(
  ifd: ImageFileDirectory,
  blocks: BlockCachedSource,
  littleEndian: boolean,
  fileSize: number,
): Promise<void> {
  const { offsets, byteCounts } = blockTags(ifd);
  const length = entryCount(ifd, offsets);
  if (length === 0 || entryCount(ifd, byteCounts) !== length) throw new TiffUnreadable('no image data blocks');
  const ranges =
    length <= CHECKED_WHOLE
      ? [[0, length]]
      : [
          [0, 1],
          [length - 1, length],
        ];
  for (const [from, to] of ranges) {
    const starts = await entries(ifd, offsets, from, to, blocks, littleEndian);
    const counts = await entries(ifd, byteCounts, from, to, blocks, littleEndian);
    starts.forEach((start, i) => checkBlock(from + i, start, counts[i], fileSize));
  }
}

function checkBlock(index: number, start: number, count: number, fileSize: number): void {
  if (count === 0) return; // a sparse block (GDAL's SPARSE_OK): no bytes anywhere, reads as nodata
  const end = start + count;
  if (!(start >= 0 && count > 0 && Number.isSafeInteger(end))) {
    throw new TiffUnreadable(`block ${index}: ${count} bytes at ${start} fit in no file`);
  }
  if (end > fileSize) {
    throw new TiffUnreadable(`block ${index} ends at ${end}, past the end of the file (${fileSize} bytes)`);
  }
}

function blockTags(ifd: ImageFileDirectory): { offsets: number; byteCounts: number } {
  return ifd.hasTag(TAG.tileOffsets)
    ? { offsets: TAG.tileOffsets, byteCounts: TAG.tileByteCounts }
    : { offsets: TAG.stripOffsets, byteCounts: TAG.stripByteCounts };
}

function entryCount(ifd: ImageFileDirectory, tag: number): number {
  const deferred = ifd.deferredArrays.get(tag);
  if (deferred) return deferred.length;
  return asNumbers(ifd.actualizedFields.get(tag))?.length ?? 0;
}

/** Entries `from..to-1` of an array tag, read in one range when geotiff.js has not read them. */
async function entries(
  ifd: ImageFileDirectory,
  tag: number,
  from: number,
  to: number,
  blocks: BlockCachedSource,
  littleEndian: boolean,
): Promise<number[]> {
  const deferred = ifd.deferredArrays.get(tag);
  if (!deferred) return (asNumbers(ifd.actualizedFields.get(tag)) ?? []).slice(from, to);
  const size = FIELD_BYTES[deferred.fieldType];
  if (!size) throw new TiffUnreadable(`tag ${tag} has field type ${deferred.fieldType}`);
  const bytes = await blocks.readExact(deferred.arrayOffset + from * size, (to - from) * size);
  const view = new DataView(bytes);
  if (view.byteLength < (to - from) * size) throw new TiffUnreadable(`tag ${tag} points past the end of the file`);
  return Array.from({ length: to - from }, (_, i) => {
    if (size === 2) return view.getUint16(i * size, littleEndian);
    if (size === 4) return view.getUint32(i * size, littleEndian);
    return Number(view.getBigUint64(i * size, littleEndian));
  });
}

import type { GeoTIFFImage } from 'geotiff';
import type { BlockCachedSource } from '../geotiff/block-cached-source';

const TAG = { stripOffsets: 273, stripByteCounts: 279, tileOffsets: 324, tileByteCounts: 325 } as const;
/** Bytes per entry of the TIFF field types offset and byte count arrays use: SHORT, LONG, LONG8. */
const FIELD_BYTES: Record<number, number> = { 3: 2, 4: 4, 16: 8 };

/** A big-endian file whose block offsets point outside it, or use a field type offsets never have. */
export class BlockOffsetsUnreadable extends Error {}

/**
 * geotiff.js 3 reads deferred arrays (the strip and tile offsets and byte counts of all but the
 * smallest images) as little-endian whatever the file's byte order, and so finds no pixels in a
 * big-endian file. For such a file, the level's two arrays are read here, whole, in the file's
 * order, and handed to geotiff.js as loaded values, which its block reads then use. A few bytes
 * per block: 80 KB for a 10,000-strip image.
 */
export async function loadBigEndianBlockOffsets(image: GeoTIFFImage, blocks: BlockCachedSource): Promise<void> {
  if (image.littleEndian) return;
  const directory = image.fileDirectory;
  const tags = image.isTiled ? [TAG.tileOffsets, TAG.tileByteCounts] : [TAG.stripOffsets, TAG.stripByteCounts];
  for (const tag of tags) {
    const deferred = directory.deferredArrays.get(tag);
    if (!deferred) continue; // small arrays sit in the IFD and were read right
    const size = FIELD_BYTES[deferred.fieldType];
    if (!size) throw new BlockOffsetsUnreadable(`tag ${tag} has field type ${deferred.fieldType}`);
    const [bytes] = await blocks.fetch([{ offset: deferred.arrayOffset, length: deferred.length * size }]);
    if (bytes.byteLength < deferred.length * size) throw new BlockOffsetsUnreadable(`tag ${tag} runs past the end`);
    const view = new DataView(bytes);
    const entry = (i: number) =>
      size === 2 ? view.getUint16(i * 2) : size === 4 ? view.getUint32(i * 4) : Number(view.getBigUint64(i * 8));
    directory.actualizedFields.set(
      tag,
      Array.from({ length: deferred.length }, (_, i) => entry(i)),
    );
    directory.deferredArrays.delete(tag);
  }
}

import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import type { Slice } from './block-cached-source';
import { TiffUnreadable } from './tiff-unreadable';

/**
 * Workaround for geotiff.js 3.0.5 (pinned in package.json): parsing an IFD allocates the whole
 * backing store of every array it defers (DeferredArray's constructor), however lazily it reads
 * it. A 4 KB header declaring 2^32 LONG8 tile offsets makes the process map 34 GB. Untouched, that
 * costs no RAM, but until it is collected the process can no longer fork (spawn ENOMEM; seen in
 * CI), and under strict overcommit it fails outright. So each IFD's entry table is read here first
 * and a tag declaring more values than any image needs is refused before geotiff.js sees the IFD.
 * `geotiff-deferred-array.unit.spec.ts` tells when upstream stops allocating eagerly.
 *
 * 2^24 values: a 500,000² image (the largest plan) in 256-pixel tiles, four bands stored apart,
 * has 15.3 M blocks; the arrays geotiff.js may then allocate stay under 128 MB each.
 */
export const MAX_TAG_VALUES = 2 ** 24;
/** libtiff's own sanity limit on a directory's entry count (a classic TIFF cannot exceed it). */
const MAX_ENTRIES = 0xffff;
const BLOCK_TAGS = new Set([273, 279, 324, 325]);

interface Source {
  fetch(slices: Slice[]): Promise<ArrayBuffer[]>;
}

/** `tiff.getImage(index)`, each IFD up to it checked first; the only way our code opens an image. */
export async function guardedImage(tiff: GeoTIFF, source: Source, index: number): Promise<GeoTIFFImage> {
  let offset = tiff.firstIFDOffset;
  for (let at = 0; at <= index && offset; at++) offset = await checkedEntryTable(tiff, source, offset);
  return tiff.getImage(index);
}

/** Refuses an IFD whose entries declare absurd counts; answers where the next IFD is (0: none). */
async function checkedEntryTable(tiff: GeoTIFF, source: Source, offset: number): Promise<number> {
  const { bigTiff, littleEndian } = tiff;
  const countBytes = bigTiff ? 8 : 2;
  const entryBytes = bigTiff ? 20 : 12;
  const [head] = await source.fetch([{ offset, length: countBytes }]);
  // A table cut off by the end of the file: geotiff.js refuses it with its own words.
  if (head.byteLength < countBytes) return 0;
  const headView = new DataView(head);
  const entries = bigTiff ? Number(headView.getBigUint64(0, littleEndian)) : headView.getUint16(0, littleEndian);
  if (entries > MAX_ENTRIES) throw new TiffUnreadable(`IFD at ${offset} declares ${entries} entries`);
  const tableLength = entries * entryBytes + (bigTiff ? 8 : 4);
  const [table] = await source.fetch([{ offset: offset + countBytes, length: tableLength }]);
  if (table.byteLength < tableLength) return 0;
  const view = new DataView(table);
  for (let i = 0; i < entries; i++) {
    const at = i * entryBytes;
    const tag = view.getUint16(at, littleEndian);
    const count = bigTiff ? Number(view.getBigUint64(at + 4, littleEndian)) : view.getUint32(at + 4, littleEndian);
    if (count > MAX_TAG_VALUES) {
      const what = BLOCK_TAGS.has(tag) ? 'blocks' : 'values';
      throw new TiffUnreadable(`tag ${tag} declares ${count} ${what}, more than any image has (${MAX_TAG_VALUES})`);
    }
  }
  const next = entries * entryBytes;
  return bigTiff ? Number(view.getBigUint64(next, littleEndian)) : view.getUint32(next, littleEndian);
}

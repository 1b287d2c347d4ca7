import type { BlobStore } from './blob-store.port';

/** An object of known size read by inclusive byte ranges (what `@mi/raster`'s RangeSource asks). */
export interface BlobRangeReader {
  readonly size: number;
  read(start: number, endInclusive: number): Promise<Buffer>;
}

/** A stored object as a range reader: readers of headers and pixels fetch ranges, never the whole. */
export function blobRangeReader(blobs: BlobStore, key: string, size: number): BlobRangeReader {
  return { size, read: (start, endInclusive) => blobs.readRange(key, start, endInclusive) };
}

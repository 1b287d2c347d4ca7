import type { BlobStore } from '@mi/storage';
import type { RangeSource } from '@mi/raster';

/** The stored object as the header reader sees it: ranged reads only, never the whole file. */
export function blobRangeSource(blobs: BlobStore, key: string, size: number): RangeSource {
  return { size, read: (start, endInclusive) => blobs.readRange(key, start, endInclusive) };
}

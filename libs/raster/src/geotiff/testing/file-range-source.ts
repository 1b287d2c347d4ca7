import { open, stat } from 'node:fs/promises';
import { measuredRangeSource, type MeasuredRangeSource, type RangeSource } from '../range-source';

/** A RangeSource over a local file, counting what it reads: the stand-in for a GCS object. */
export async function fileRangeSource(path: string): Promise<MeasuredRangeSource> {
  const { size } = await stat(path);
  const source: RangeSource = {
    size,
    async read(start, endInclusive) {
      const length = Math.max(0, Math.min(endInclusive + 1, size) - start);
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, start);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
  return measuredRangeSource(source);
}

/**
 * A RangeSource over bytes in memory. `size` may claim more than the bytes hold: the rest reads as
 * zeros, standing for pixel data a test never wants read (and `lastByteRead` tells if it was).
 */
export function bufferRangeSource(bytes: Buffer, size = bytes.length): MeasuredRangeSource & { lastByteRead: number } {
  let lastByteRead = -1;
  const measured = measuredRangeSource({
    size,
    async read(start, endInclusive) {
      const end = Math.min(endInclusive + 1, size);
      lastByteRead = Math.max(lastByteRead, end - 1);
      const out = Buffer.alloc(Math.max(0, end - start));
      // Past the materialised bytes the file reads as zeros (Buffer.copy refuses a start beyond them).
      if (start < bytes.length) bytes.copy(out, 0, start, Math.min(end, bytes.length));
      return out;
    },
  });
  return Object.defineProperties(measured, {
    lastByteRead: { get: () => lastByteRead },
  }) as MeasuredRangeSource & { lastByteRead: number };
}

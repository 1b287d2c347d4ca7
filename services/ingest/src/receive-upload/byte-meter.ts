import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { noteStreamedBytes } from '@mi/platform';

/** Raised inside the stream the moment a file passes the plan's size: nothing more is read. */
export class SizeLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

/**
 * Counts and hashes (SHA-1, the `checksum` of API.md) the bytes flowing through, and fails the
 * stream as soon as they pass `limit`, so an oversized upload stops early and memory stays flat.
 */
export class ByteMeter extends Transform {
  private readonly hash = createHash('sha1');
  bytes = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(new SizeLimitExceeded(this.limit));
      return;
    }
    this.hash.update(chunk);
    noteStreamedBytes(chunk.length);
    callback(null, chunk);
  }

  /** Hex SHA-1 of everything that passed; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

import type { Readable } from 'node:stream';

/** Nest injection token for the `BlobStore` port. */
export const BLOB_STORE = 'BLOB_STORE';

export interface WriteBlobOptions {
  /** Defaults to `application/octet-stream`. */
  contentType?: string;
  /** Custom object metadata (string values only, as GCS stores them). */
  metadata?: Record<string, string>;
}

export interface WrittenBlob {
  key: string;
  /** Size as the store recorded it, the number quota accounting should trust. */
  bytes: number;
  /** Lower-case hex, the format our API exposes as `checksum`; absent for composed objects. */
  md5?: string;
}

export interface BlobInfo {
  key: string;
  size: number;
  contentType: string;
  md5?: string;
  updated: Date;
  metadata: Record<string, string>;
}

export interface ListedBlob {
  key: string;
  size: number;
}

/** Inclusive on both ends, like an HTTP `Range` header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface SignedUrlOptions {
  /** Makes browsers save the file under this name instead of displaying it. */
  downloadFilename?: string;
}

/**
 * Where blobs live, by key within one bucket. Bytes always stream: no method holds a whole
 * object in memory except `readRange`, whose size the caller chooses.
 */
export interface BlobStore {
  /** Creates the bucket when it does not exist; safe to call from many replicas at once. */
  ensureBucket(): Promise<void>;

  /**
   * Streams `source` into `key`, replacing any object there. On any failure `source` is
   * destroyed and nothing is stored; if `source` itself failed, the promise rejects with its error.
   */
  write(key: string, source: Readable, options?: WriteBlobOptions): Promise<WrittenBlob>;

  /**
   * Reads the object, or only `range`. A range reaching past the end yields what exists; one
   * starting at or past the end yields nothing. Emits `BlobNotFound` when the key is missing.
   */
  createReadStream(key: string, range?: ByteRange): Readable;

  /** Bytes `start..endInclusive`, with the same clamping as `createReadStream`. */
  readRange(key: string, start: number, endInclusive: number): Promise<Buffer>;

  /** `null` when the key does not exist. */
  stat(key: string): Promise<BlobInfo | null>;

  /** `stat` of an object anywhere, by `gs://bucket/key` (what a link points at); `null` when missing. */
  statUri(uri: string): Promise<BlobInfo | null>;

  /** Deleting a missing key succeeds: deletes are retried by consumers and must be idempotent. */
  delete(key: string): Promise<void>;

  /** Deletes every object under a non-empty prefix; returns how many this call removed. */
  deletePrefix(prefix: string): Promise<number>;

  /** Keys under `prefix` in lexicographic order, fetched page by page. */
  list(prefix: string): AsyncIterable<ListedBlob>;

  /** Server-side copy from a `gs://bucket/key` URI into `key` (with its own `metadata`); no bytes pass through us. */
  copyFrom(sourceUri: string, key: string, metadata?: Record<string, string>): Promise<WrittenBlob>;

  /** A URL anyone can GET for `expiresInSeconds` (at most 7 days). */
  signedReadUrl(key: string, expiresInSeconds: number, options?: SignedUrlOptions): Promise<string>;

  /** The `gs://bucket/key` form stored in events and shown as `image_url`. */
  uri(key: string): string;
}

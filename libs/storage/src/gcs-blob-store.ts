import { Readable } from 'node:stream';
import { Storage, type Bucket, type File, type GetFilesResponse } from '@google-cloud/storage';
import type {
  BlobInfo,
  BlobStore,
  ByteRange,
  ListedBlob,
  SignedUrlOptions,
  WriteBlobOptions,
  WrittenBlob,
} from './blob-store.port';
import { openMedia, streamIntoSession } from './gcs-media.client';
import { blobInfo, hasStatus, toStoreError, writtenBlob } from './gcs-object.mapper';
import { formatGsUri, parseGsUri } from './gs-uri';

export interface GcsBlobStoreOptions {
  bucket: string;
  /** Needed only to create the bucket. */
  projectId?: string;
  /** Set only for the emulator: as in the client library, requests to it carry no credentials. */
  apiEndpoint?: string;
  /** Service-account key; without it production uses Application Default Credentials. */
  credentials?: { client_email: string; private_key: string };
  /** Objects per list request; GCS caps it at 1000. */
  listPageSize?: number;
}

const MAX_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;
const DELETE_CONCURRENCY = 16;

export class GcsBlobStore implements BlobStore {
  private readonly storage: Storage;
  private readonly bucket: Bucket;
  private readonly listPageSize: number;

  constructor(private readonly options: GcsBlobStoreOptions) {
    this.storage = new Storage({
      projectId: options.projectId,
      apiEndpoint: options.apiEndpoint,
      credentials: options.credentials,
    });
    this.bucket = this.storage.bucket(options.bucket);
    this.listPageSize = options.listPageSize ?? 1000;
  }

  async ensureBucket(): Promise<void> {
    // Checking first keeps this a no-op where the bucket is provisioned by infrastructure and
    // we may lack `storage.buckets.create`; 409 covers replicas racing to create it.
    const [exists] = await this.bucket.exists();
    if (exists) return;
    await this.bucket.create().catch((error: unknown) => {
      if (!hasStatus(error, 409)) throw error;
    });
  }

  async write(key: string, source: Readable, options: WriteBlobOptions = {}): Promise<WrittenBlob> {
    const file = this.bucket.file(key);
    const contentType = options.contentType ?? 'application/octet-stream';
    // One resumable session whose content streams in a single request: memory stays flat at any
    // size, and a session that never completes never becomes an object. No `chunkSize`: chunks
    // would have to be buffered whole to be retried, and our sources (request bodies) cannot be
    // replayed anyway.
    const openSession = async () => {
      const [sessionUri] = await file.createResumableUpload({
        metadata: { contentType, metadata: options.metadata ?? {} },
      });
      return sessionUri;
    };
    const upload = await streamIntoSession(openSession, source, contentType);
    const stored = writtenBlob(key, upload.object);
    if (stored.bytes !== upload.bytes || (stored.md5 && stored.md5 !== upload.md5)) {
      await this.delete(key);
      throw new Error(`${this.uri(key)} does not hold what was sent (${upload.bytes} bytes, md5 ${upload.md5})`);
    }
    return stored;
  }

  createReadStream(key: string, range?: ByteRange): Readable {
    if (range) assertRange(range.start, range.end);
    return Readable.from(this.media(key, range), { objectMode: false });
  }

  async readRange(key: string, start: number, endInclusive: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.createReadStream(key, { start, end: endInclusive })) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async stat(key: string): Promise<BlobInfo | null> {
    try {
      const [metadata] = await this.bucket.file(key).getMetadata();
      return blobInfo(key, metadata);
    } catch (error) {
      if (hasStatus(error, 404)) return null;
      throw error;
    }
  }

  async statUri(uri: string): Promise<BlobInfo | null> {
    const source = parseGsUri(uri);
    try {
      const [metadata] = await this.storage.bucket(source.bucket).file(source.key).getMetadata();
      return blobInfo(source.key, metadata);
    } catch (error) {
      if (hasStatus(error, 404)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.bucket.file(key).delete({ ignoreNotFound: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    if (!prefix) throw new RangeError('deletePrefix needs a non-empty prefix; it will not empty a bucket');
    let deleted = 0;
    // GCS page tokens are names, so deleting a page before fetching the next skips nothing.
    for await (const page of this.pages(prefix)) {
      const queue = [...page];
      const deleteNext = async (): Promise<void> => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          const removed = await file.delete().then(
            () => 1,
            (error: unknown) => {
              if (hasStatus(error, 404)) return 0; // a concurrent delete got there first
              throw error;
            },
          );
          deleted += removed;
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, queue.length) }, deleteNext));
    }
    return deleted;
  }

  async *list(prefix: string): AsyncIterable<ListedBlob> {
    for await (const page of this.pages(prefix)) {
      for (const file of page) yield { key: file.name, size: Number(file.metadata.size ?? 0) };
    }
  }

  async copyFrom(sourceUri: string, key: string, metadata?: Record<string, string>): Promise<WrittenBlob> {
    const source = parseGsUri(sourceUri);
    const target = this.bucket.file(key);
    try {
      await this.storage.bucket(source.bucket).file(source.key).copy(target);
      // The copy is ours now: its metadata says whose, not whose the source was.
      if (metadata) await target.setMetadata({ metadata });
    } catch (error) {
      throw toStoreError(error, sourceUri);
    }
    return writtenBlob(key, target.metadata.size === undefined ? (await target.getMetadata())[0] : target.metadata);
  }

  async signedReadUrl(key: string, expiresInSeconds: number, options: SignedUrlOptions = {}): Promise<string> {
    if (!(expiresInSeconds > 0 && expiresInSeconds <= MAX_SIGNED_URL_SECONDS)) {
      throw new RangeError(`signed URLs live 1 s to 7 days, got ${expiresInSeconds} s`);
    }
    const { apiEndpoint, credentials } = this.options;
    if (apiEndpoint && !credentials) {
      // The emulator runs without a service account, so there is no key to sign with (and no
      // metadata server for signBlob). fake-gcs-server serves objects to anyone, so its plain
      // media URL is the honest equivalent. Given `credentials`, the emulator also accepts
      // (without checking) a real V4 signature, which is how the signing path is tested.
      return this.mediaUrl(key);
    }
    const [url] = await this.bucket.file(key).getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: Date.now() + expiresInSeconds * 1000,
      responseDisposition: options.downloadFilename
        ? `attachment; filename*=UTF-8''${encodeURIComponent(options.downloadFilename)}`
        : undefined,
    });
    return url;
  }

  uri(key: string): string {
    return formatGsUri({ bucket: this.bucket.name, key });
  }

  private async *media(key: string, range?: ByteRange): AsyncIterable<Buffer> {
    const url = this.mediaUrl(key);
    const headers = { ...(await this.authHeaders()), ...(range && { range: `bytes=${range.start}-${range.end}` }) };
    const response = await openMedia(url, headers).catch((error: unknown) => {
      throw toStoreError(error, key);
    });
    // Leaving this loop early (the reader destroyed the stream) closes just this connection.
    if (response) for await (const chunk of response) yield chunk as Buffer;
  }

  private mediaUrl(key: string): string {
    return `${this.storage.apiEndpoint}/download/storage/v1/b/${this.bucket.name}/o/${encodeURIComponent(key)}?alt=media`;
  }

  private async authHeaders(): Promise<Record<string, string>> {
    // As in the client library, a custom endpoint (the emulator) gets no credentials.
    if (this.options.apiEndpoint) return {};
    return this.storage.authClient.getRequestHeaders();
  }

  private async *pages(prefix: string): AsyncIterable<File[]> {
    let pageToken: string | undefined;
    do {
      const query = { prefix, maxResults: this.listPageSize, autoPaginate: false, pageToken };
      const [files, next]: GetFilesResponse = await this.bucket.getFiles(query);
      if (files.length > 0) yield files;
      // The typings omit it, but the next query is null after the last page.
      pageToken = (next as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
  }
}

function assertRange(start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid byte range ${start}-${end}`);
  }
}

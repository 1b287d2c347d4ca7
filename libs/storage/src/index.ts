export { BLOB_STORE } from './blob-store.port';
export type {
  BlobInfo,
  BlobStore,
  ByteRange,
  ListedBlob,
  SignedUrlOptions,
  WriteBlobOptions,
  WrittenBlob,
} from './blob-store.port';
export { BlobNotFound } from './blob-store.errors';
export { GcsBlobStore, type GcsBlobStoreOptions } from './gcs-blob-store';
export { formatGsUri, parseGsUri, type GsLocation } from './gs-uri';
export { BlobStoreModule, GCS_HEALTH } from './blob-store.module';
export { blobRangeReader, type BlobRangeReader } from './blob-range-reader';

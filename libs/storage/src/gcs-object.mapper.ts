import type { FileMetadata } from '@google-cloud/storage';
import { BlobNotFound } from './blob-store.errors';
import type { BlobInfo, WrittenBlob } from './blob-store.port';

// GCS answers in port terms: object resources to blob shapes, statuses to port errors.

/** Works for the client's ApiError and our GcsHttpError alike: both carry the status as `code`. */
export function hasStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === status;
}

export function toStoreError(error: unknown, key: string): unknown {
  return hasStatus(error, 404) ? new BlobNotFound(key) : error;
}

/** GCS reports MD5 in base64; our API and events use hex. */
function hexMd5(base64: string | undefined): string | undefined {
  return base64 ? Buffer.from(base64, 'base64').toString('hex') : undefined;
}

export function writtenBlob(key: string, metadata: Pick<FileMetadata, 'size' | 'md5Hash'>): WrittenBlob {
  return { key, bytes: Number(metadata.size), md5: hexMd5(metadata.md5Hash) };
}

export function blobInfo(key: string, metadata: FileMetadata): BlobInfo {
  const custom = Object.entries(metadata.metadata ?? {}).filter(([, value]) => value != null);
  return {
    key,
    size: Number(metadata.size),
    contentType: metadata.contentType ?? 'application/octet-stream',
    md5: hexMd5(metadata.md5Hash),
    updated: new Date(metadata.updated ?? metadata.timeCreated ?? 0),
    metadata: Object.fromEntries(custom.map(([name, value]) => [name, String(value)])),
  };
}

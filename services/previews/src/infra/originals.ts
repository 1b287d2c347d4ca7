import { GcsBlobStore, parseGsUri, type BlobStore } from '@mi/storage';
import type { PreviewsConfig } from '../previews.config';

export const ORIGINALS = Symbol('ORIGINALS');

/** Reads originals by their `gs://` URI: ingest owns that bucket, previews only reads it. */
export class Originals {
  private readonly stores = new Map<string, BlobStore>();

  constructor(private readonly config: PreviewsConfig) {}

  at(uri: string): { store: BlobStore; key: string } {
    const { bucket, key } = parseGsUri(uri);
    let store = this.stores.get(bucket);
    if (!store) {
      store = new GcsBlobStore({
        bucket,
        projectId: this.config.GCS_PROJECT_ID,
        apiEndpoint: this.config.GCS_API_ENDPOINT,
      });
      this.stores.set(bucket, store);
    }
    return { store, key };
  }
}

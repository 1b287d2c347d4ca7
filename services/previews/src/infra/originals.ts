import { GcsBlobStore, parseGsUri, type BlobStore } from '@mi/storage';
import type { PreviewsConfig } from '../previews.config';

/** What reading originals needs: a render thread gets exactly this from the service's config. */
export type OriginalsConfig = Pick<PreviewsConfig, 'GCS_PROJECT_ID' | 'GCS_API_ENDPOINT'>;

/** Reads originals by their `gs://` URI: ingest owns that bucket, previews only reads it. */
export class Originals {
  private readonly stores = new Map<string, BlobStore>();

  constructor(private readonly config: OriginalsConfig) {}

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

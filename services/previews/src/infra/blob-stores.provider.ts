import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { HealthCheck } from '@mi/platform';
import { BLOB_STORE, GcsBlobStore, parseGsUri, type BlobStore } from '@mi/storage';
import type { PreviewsConfig } from '../previews.config';

export const GCS_HEALTH = Symbol('GCS_HEALTH');
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

function providers(config: PreviewsConfig): Provider[] {
  return [
    {
      provide: BLOB_STORE,
      useFactory: async (): Promise<BlobStore> => {
        const store = new GcsBlobStore({
          bucket: config.GCS_BUCKET,
          projectId: config.GCS_PROJECT_ID,
          apiEndpoint: config.GCS_API_ENDPOINT,
        });
        await store.ensureBucket();
        return store;
      },
    },
    { provide: ORIGINALS, useValue: new Originals(config) },
    {
      provide: GCS_HEALTH,
      inject: [BLOB_STORE],
      useFactory: (blobs: BlobStore): HealthCheck => ({
        name: 'gcs',
        check: async () => void (await blobs.stat('health-probe')),
      }),
    },
  ];
}

/** Global, so health checks and the service's providers share one store. */
@Module({})
export class PreviewBlobsModule {
  static forRoot(config: PreviewsConfig): DynamicModule {
    return {
      module: PreviewBlobsModule,
      global: true,
      providers: providers(config),
      exports: [BLOB_STORE, ORIGINALS, GCS_HEALTH],
    };
  }
}

import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { HealthCheck } from '@mi/platform';
import { BLOB_STORE, GcsBlobStore, type BlobStore } from '@mi/storage';
import type { IngestConfig } from '../ingest.config';

export const GCS_HEALTH = Symbol('GCS_HEALTH');

/** Ingest owns the originals: one bucket, created at start-up when missing (the emulator starts empty). */
export function blobStoreProviders(config: IngestConfig): Provider[] {
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

/** Global, so health checks (ObservabilityModule) and the service's own providers share one store. */
@Module({})
export class BlobStoreModule {
  static forRoot(config: IngestConfig): DynamicModule {
    return {
      module: BlobStoreModule,
      global: true,
      providers: blobStoreProviders(config),
      exports: [BLOB_STORE, GCS_HEALTH],
    };
  }
}

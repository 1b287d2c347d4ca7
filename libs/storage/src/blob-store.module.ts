import { Module, type DynamicModule } from '@nestjs/common';
import type { HealthCheck } from '@mi/platform';
import { BLOB_STORE, type BlobStore } from './blob-store.port';
import { GcsBlobStore, type GcsBlobStoreOptions } from './gcs-blob-store';

/** Nest token of the store's readiness check (`/health/ready` lists it as `gcs`). */
export const GCS_HEALTH = Symbol('GCS_HEALTH');

/**
 * The service's own bucket as the `BlobStore` port, created at start-up when missing (the
 * emulator starts empty), and its health check. Global, so health checks and the service's
 * providers share one store.
 */
@Module({})
export class BlobStoreModule {
  static forRoot(options: GcsBlobStoreOptions): DynamicModule {
    return {
      module: BlobStoreModule,
      global: true,
      providers: [
        {
          provide: BLOB_STORE,
          useFactory: async (): Promise<BlobStore> => {
            const store = new GcsBlobStore(options);
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
      ],
      exports: [BLOB_STORE, GCS_HEALTH],
    };
  }
}

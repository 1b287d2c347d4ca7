import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS, subscriptionOf } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { loadPlanCatalog, ObservabilityModule, PLAN_CATALOG, type HealthCheck } from '@mi/platform';
import { BLOB_STORE, BlobStoreModule, GCS_HEALTH, type BlobStore } from '@mi/storage';
import type { Logger } from 'pino';
import { BlobCleanupConsumer } from './blob-cleanup/blob-cleanup.consumer';
import { DownloadController } from './download/download.controller';
import { INGEST_CONFIG, type IngestConfig } from './ingest.config';
import { LinkImageController } from './link-image/link-image.controller';
import { LinkSourcePolicy } from './link-image/link-source.policy';
import { ReceiveUploadController } from './receive-upload/receive-upload.controller';
import { UploadCommands } from './receive-upload/upload-commands.service';
import { UploadStatusController } from './upload-status/upload-status.controller';
import { UploadPipeline } from './receive-upload/upload-pipeline.service';
import { StaleUploadsSweep } from './uploads-view/stale-uploads.sweep';
import { UploadsRepository } from './uploads-view/uploads.repository';

/** Topic names as this deployment sees them (a prefix lets test runs share one cluster). */
export function ingestTopics(config: IngestConfig) {
  const p = config.KAFKA_TOPIC_PREFIX;
  return {
    events: `${p}${TOPICS.ingestEvents}`,
    blobCleanup: subscriptionOf(p, TOPICS.catalogEvents, CONSUMER_GROUPS.ingestBlobCleanup),
  };
}

@Module({})
export class IngestModule {
  static forRoot(config: IngestConfig, logger: Logger): DynamicModule {
    const topics = ingestTopics(config);
    return {
      module: IngestModule,
      imports: [
        BlobStoreModule.forRoot({
          bucket: config.GCS_BUCKET,
          projectId: config.GCS_PROJECT_ID,
          apiEndpoint: config.GCS_API_ENDPOINT,
        }),
        EventSourcingModule.forService('ingest', config, logger, {
          events: topics.events,
          consumes: [topics.blobCleanup],
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH, GCS_HEALTH],
          useFactory: (checks: HealthCheck[], gcs: HealthCheck) => [...checks, gcs],
        }),
      ],
      controllers: [
        ReceiveUploadController,
        UploadStatusController,
        LinkImageController,
        DownloadController,
        BlobCleanupConsumer,
      ],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        { provide: PLAN_CATALOG, useFactory: () => loadPlanCatalog(config.PLANS_FILE) },
        UploadsRepository,
        UploadCommands,
        UploadPipeline,
        StaleUploadsSweep,
        {
          provide: LinkSourcePolicy,
          inject: [BLOB_STORE],
          useFactory: (blobs: BlobStore) =>
            new LinkSourcePolicy(blobs, config.GCS_BUCKET, config.LINK_ALLOWED_PREFIXES),
        },
      ],
    };
  }
}

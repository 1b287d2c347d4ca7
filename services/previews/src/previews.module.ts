import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS, subscriptionOf } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { ObservabilityModule, type HealthCheck } from '@mi/platform';
import { BlobStoreModule, GCS_HEALTH } from '@mi/storage';
import type { Logger } from 'pino';
import { PreviewCommands } from './preview-commands.service';
import { PREVIEWS_CONFIG, type PreviewsConfig } from './previews.config';
import { PreviewsViewConsumer } from './previews-view/previews-view.consumer';
import { PreviewsRepository } from './previews-view/previews.repository';
import { ServePreviewController } from './previews-view/serve-preview.controller';
import { RenderQueue } from './render/render-queue.repository';
import { RenderThreadPool } from './render/render-thread.pool';
import { RenderWorker } from './render/render.worker';
import { PreviewRequestsConsumer } from './request-previews/preview-requests.consumer';

/** Topic names as this deployment sees them (a prefix lets test runs share one cluster). */
export function previewsTopics(config: PreviewsConfig) {
  const p = config.KAFKA_TOPIC_PREFIX;
  return {
    events: `${p}${TOPICS.previewsEvents}`,
    requests: subscriptionOf(p, TOPICS.catalogEvents, CONSUMER_GROUPS.previewsRequests),
    view: subscriptionOf(p, TOPICS.previewsEvents, CONSUMER_GROUPS.previewsView),
  };
}

@Module({})
export class PreviewsModule {
  static forRoot(config: PreviewsConfig, logger: Logger): DynamicModule {
    const topics = previewsTopics(config);
    return {
      module: PreviewsModule,
      imports: [
        BlobStoreModule.forRoot({
          bucket: config.GCS_BUCKET,
          projectId: config.GCS_PROJECT_ID,
          apiEndpoint: config.GCS_API_ENDPOINT,
        }),
        EventSourcingModule.forService('previews', config, logger, {
          events: topics.events,
          consumes: [topics.requests, topics.view],
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH, GCS_HEALTH],
          useFactory: (checks: HealthCheck[], gcs: HealthCheck) => [...checks, gcs],
        }),
      ],
      controllers: [ServePreviewController, PreviewRequestsConsumer, PreviewsViewConsumer],
      providers: [
        { provide: PREVIEWS_CONFIG, useValue: config },
        {
          provide: RenderThreadPool,
          useFactory: () =>
            new RenderThreadPool({
              threads: config.RENDER_CONCURRENCY,
              timeoutMs: config.RENDER_TIMEOUT_MS,
              memoryMb: config.RENDER_MEMORY_MB,
              gcs: { GCS_PROJECT_ID: config.GCS_PROJECT_ID, GCS_API_ENDPOINT: config.GCS_API_ENDPOINT },
            }),
        },
        PreviewsRepository,
        RenderQueue,
        PreviewCommands,
        RenderWorker,
      ],
    };
  }
}

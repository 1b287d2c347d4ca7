import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS, deadLetterTopicOf } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { ObservabilityModule, type HealthCheck } from '@mi/platform';
import type { Logger } from 'pino';
import { GCS_HEALTH, PreviewBlobsModule } from './infra/blob-stores.provider';
import { PreviewCommands } from './preview-commands.service';
import { PREVIEWS_CONFIG, type PreviewsConfig } from './previews.config';
import { PreviewsViewConsumer } from './previews-view/previews-view.consumer';
import { PreviewsRepository } from './previews-view/previews.repository';
import { ServePreviewController } from './previews-view/serve-preview.controller';
import { RenderQueue } from './render/render-queue.repository';
import { RenderWorker } from './render/render.worker';
import { PreviewRequestsConsumer } from './request-previews/preview-requests.consumer';

/** One consumed topic, its group and the group's dead-letter topic, all prefixed. */
function subscription(prefix: string, topic: string, group: string) {
  const groupId = `${prefix}${group}`;
  return { topic: `${prefix}${topic}`, groupId, deadLetter: deadLetterTopicOf(groupId) };
}

/** Topic names as this deployment sees them (a prefix lets test runs share one cluster). */
export function previewsTopics(config: PreviewsConfig) {
  const p = config.KAFKA_TOPIC_PREFIX;
  return {
    events: `${p}${TOPICS.previewsEvents}`,
    requests: subscription(p, TOPICS.catalogEvents, CONSUMER_GROUPS.previewsRequests),
    view: subscription(p, TOPICS.previewsEvents, CONSUMER_GROUPS.previewsView),
  };
}

@Module({})
export class PreviewsModule {
  static forRoot(config: PreviewsConfig, logger: Logger): DynamicModule {
    const topics = previewsTopics(config);
    return {
      module: PreviewsModule,
      imports: [
        PreviewBlobsModule.forRoot(config),
        EventSourcingModule.forService('previews', config, logger, {
          events: topics.events,
          others: [topics.requests, topics.view].flatMap((s) => [s.topic, s.deadLetter]),
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH, GCS_HEALTH],
          useFactory: (checks: HealthCheck[], gcs: HealthCheck) => [...checks, gcs],
        }),
      ],
      controllers: [ServePreviewController, PreviewRequestsConsumer, PreviewsViewConsumer],
      providers: [
        { provide: PREVIEWS_CONFIG, useValue: config },
        PreviewsRepository,
        RenderQueue,
        PreviewCommands,
        RenderWorker,
      ],
    };
  }
}

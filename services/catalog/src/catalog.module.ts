import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS, deadLetterTopicOf, CONSUMER_GROUPS } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { ObservabilityModule, type HealthCheck } from '@mi/platform';
import type { Logger } from 'pino';
import type { CatalogConfig } from './catalog.config';
import { CreateMosaicController } from './create-mosaic/create-mosaic.controller';
import { CreateMosaicHandler } from './create-mosaic/create-mosaic.handler';
import { MosaicsViewConsumer } from './mosaics-view/mosaics-view.consumer';
import { MosaicsViewController } from './mosaics-view/mosaics-view.controller';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';

/** Topic names as this deployment sees them (a prefix lets test runs share one cluster). */
export function catalogTopics(config: CatalogConfig) {
  const p = config.KAFKA_TOPIC_PREFIX;
  const group = `${p}${CONSUMER_GROUPS.catalogMosaicsView}`;
  return { events: `${p}${TOPICS.catalogEvents}`, group, deadLetter: deadLetterTopicOf(group) };
}

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogConfig, logger: Logger): DynamicModule {
    const topics = catalogTopics(config);
    return {
      module: CatalogModule,
      imports: [
        EventSourcingModule.forRoot({
          service: 'catalog',
          mongoUrl: config.MONGO_URL,
          database: config.MONGO_DATABASE,
          kafkaBrokers: config.KAFKA_BROKERS,
          eventsTopic: topics.events,
          topics: [topics.events, topics.deadLetter],
          outboxSweepMs: config.OUTBOX_SWEEP_MS,
          logger,
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH],
          useFactory: (checks: HealthCheck[]) => checks,
        }),
      ],
      controllers: [CreateMosaicController, MosaicsViewController, MosaicsViewConsumer],
      providers: [MosaicsRepository, CreateMosaicHandler],
    };
  }
}

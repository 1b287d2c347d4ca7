import 'reflect-metadata';
import { KAFKA, MongoStreamCheckpoints } from '@mi/eventstore';
import { EventConsumer, KafkaEventPublisher, KafkaEventsTransport } from '@mi/messaging';
import { bootstrapService, ApiErrorFilter, createLogger } from '@mi/platform';
import { loadCatalogConfig } from './catalog.config';
import { CatalogModule, catalogTopics } from './catalog.module';

async function main() {
  const config = loadCatalogConfig();
  const logger = createLogger('catalog', config.LOG_LEVEL);
  const topics = catalogTopics(config);
  await bootstrapService({
    module: CatalogModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    configure: (app) => app.useGlobalFilters(new ApiErrorFilter(logger)),
    consumers: (app) => {
      const consumer = (groupId: string, topic: string, deadLetterTopic: string, dedupe: boolean) =>
        new KafkaEventsTransport(
          (handler) =>
            new EventConsumer(app.get(KAFKA), app.get(KafkaEventPublisher), {
              groupId,
              topics: [topic],
              deadLetterTopic,
              handler,
              // Projections guard themselves by version; the reaction needs the group's checkpoints.
              checkpoints: dedupe ? app.get(MongoStreamCheckpoints) : undefined,
              logger,
            }),
          logger,
        );
      return [
        consumer(topics.group, topics.events, topics.deadLetter, false),
        consumer(topics.attachGroup, topics.ingestEvents, topics.attachDeadLetter, true),
      ];
    },
  });
}

main().catch((error) => {
  // Config errors and failed connections end here: one clear line, non-zero exit.
  console.error(JSON.stringify({ level: 'fatal', service: 'catalog', msg: String(error?.message ?? error) }));
  process.exit(1);
});

import 'reflect-metadata';
import { KAFKA } from '@mi/eventstore';
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
    consumer: (app) =>
      new KafkaEventsTransport(
        (handler) =>
          new EventConsumer(app.get(KAFKA), app.get(KafkaEventPublisher), {
            groupId: topics.group,
            topics: [topics.events],
            deadLetterTopic: topics.deadLetter,
            handler,
            logger,
          }),
        logger,
      ),
  });
}

main().catch((error) => {
  // Config errors and failed connections end here: one clear line, non-zero exit.
  console.error(JSON.stringify({ level: 'fatal', service: 'catalog', msg: String(error?.message ?? error) }));
  process.exit(1);
});

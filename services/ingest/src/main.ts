import 'reflect-metadata';
import { KAFKA, MongoStreamCheckpoints } from '@mi/eventstore';
import { EventConsumer, KafkaEventPublisher, KafkaEventsTransport } from '@mi/messaging';
import { ApiErrorFilter, bootstrapService, createLogger } from '@mi/platform';
import { loadIngestConfig } from './ingest.config';
import { IngestModule, ingestTopics } from './ingest.module';

async function main() {
  const config = loadIngestConfig();
  const logger = createLogger('ingest', config.LOG_LEVEL);
  const topics = ingestTopics(config);
  await bootstrapService({
    module: IngestModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    configure: (app) => app.useGlobalFilters(new ApiErrorFilter(logger)),
    consumers: (app) => [
      new KafkaEventsTransport(
        (handler) =>
          new EventConsumer(app.get(KAFKA), app.get(KafkaEventPublisher), {
            groupId: topics.group,
            topics: [topics.catalogEvents],
            deadLetterTopic: topics.deadLetter,
            handler,
            checkpoints: app.get(MongoStreamCheckpoints),
            logger,
          }),
        logger,
      ),
    ],
  });
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'ingest', msg: String(error?.message ?? error) }));
  process.exit(1);
});

import 'reflect-metadata';
import { consumerTransport } from '@mi/eventstore';
import { ApiErrorFilter, bootstrapService, createLogger, runService } from '@mi/platform';
import { loadCatalogConfig } from './catalog.config';
import { CatalogModule, catalogTopics } from './catalog.module';

runService('catalog', async () => {
  const config = loadCatalogConfig();
  const logger = createLogger('catalog', config.LOG_LEVEL);
  const topics = catalogTopics(config);
  await bootstrapService({
    module: CatalogModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    configure: (app) => app.useGlobalFilters(new ApiErrorFilter(logger)),
    consumers: (app) => [
      consumerTransport(
        app,
        { groupId: topics.group, topics: [topics.events], deadLetterTopic: topics.deadLetter, dedupe: false },
        logger,
      ),
      consumerTransport(
        app,
        {
          groupId: topics.attachGroup,
          topics: [topics.ingestEvents],
          deadLetterTopic: topics.attachDeadLetter,
          dedupe: true,
        },
        logger,
      ),
      // Version-guarded per image: no checkpoint needed.
      consumerTransport(
        app,
        {
          groupId: topics.previews.groupId,
          topics: [topics.previews.topic],
          deadLetterTopic: topics.previews.deadLetter,
          dedupe: false,
        },
        logger,
      ),
    ],
  });
});

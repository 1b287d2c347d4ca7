import 'reflect-metadata';
import { consumerTransport } from '@mi/eventstore';
import { bootstrapService, createLogger, runService } from '@mi/platform';
import { loadCatalogConfig } from './catalog.config';
import { CatalogModule, catalogTopics } from './catalog.module';

runService('catalog', async () => {
  const config = loadCatalogConfig();
  const logger = createLogger('catalog', config.LOG_LEVEL);
  const topics = catalogTopics(config);
  await bootstrapService({
    service: 'catalog',
    module: CatalogModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
    consumers: (app) => [
      // The views catch up from the store by their own checkpoint, previews keep the newest
      // version; the reaction deduplicates.
      consumerTransport(app, topics.views, { dedupe: false }, logger),
      consumerTransport(app, topics.attachImages, { dedupe: true }, logger),
      consumerTransport(app, topics.previews, { dedupe: false }, logger),
    ],
  });
});

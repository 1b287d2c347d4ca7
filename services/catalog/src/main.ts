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
    module: CatalogModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    consumers: (app) => [
      // Projections guard themselves by version; the reaction deduplicates.
      consumerTransport(app, topics.views, { dedupe: false }, logger),
      consumerTransport(app, topics.attachImages, { dedupe: true }, logger),
      consumerTransport(app, topics.previews, { dedupe: false }, logger),
    ],
  });
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { KAFKA } from '@mi/eventstore';
import { createLogger } from '@mi/platform';
import { loadCatalogConfig } from '../catalog.config';
import { CatalogModule, catalogTopics } from '../catalog.module';
import { CatalogViews } from '../catalog-views.service';
import { rebuildCatalogViews } from './views-rebuild';

// `npm run rebuild-views`: the catalog's read models, rebuilt for every mosaic on its Kafka topic.
async function main() {
  const config = loadCatalogConfig();
  const logger = createLogger('catalog-rebuild', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(CatalogModule.forRoot(config, logger), { logger: false });
  try {
    const { events } = await rebuildCatalogViews(
      app.get(KAFKA),
      catalogTopics(config).events,
      app.get(CatalogViews),
      logger,
    );
    console.log(`rebuilt the catalog read models from ${events} events`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(`rebuild failed: ${(error as Error).message}`);
  process.exit(1);
});

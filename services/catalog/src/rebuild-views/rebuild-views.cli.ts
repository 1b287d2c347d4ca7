import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { KAFKA } from '@mi/eventstore';
import { createLogger } from '@mi/platform';
import { loadCatalogConfig } from '../catalog.config';
import { CatalogModule, catalogTopics } from '../catalog.module';
import { ImagesRepository } from '../images-view/images.repository';
import { MosaicsRepository } from '../mosaics-view/mosaics.repository';
import { UploadOutcomesRepository } from '../upload-outcomes/upload-outcomes.repository';
import { rebuildCatalogViews } from './views-rebuild';

// `npm run rebuild-views`: the catalog's read models, rebuilt from its Kafka topic.
async function main() {
  const config = loadCatalogConfig();
  const logger = createLogger('catalog-rebuild', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(CatalogModule.forRoot(config, logger), { logger: false });
  try {
    const { events } = await rebuildCatalogViews(
      app.get(KAFKA),
      catalogTopics(config).events,
      {
        mosaics: app.get(MosaicsRepository),
        images: app.get(ImagesRepository),
        outcomes: app.get(UploadOutcomesRepository),
      },
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

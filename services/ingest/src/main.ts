import 'reflect-metadata';
import { consumerTransport } from '@mi/eventstore';
import { bootstrapService, createLogger, runService } from '@mi/platform';
import { loadIngestConfig } from './ingest.config';
import { IngestModule, ingestTopics } from './ingest.module';

runService('ingest', async () => {
  const config = loadIngestConfig();
  const logger = createLogger('ingest', config.LOG_LEVEL);
  const topics = ingestTopics(config);
  await bootstrapService({
    service: 'ingest',
    module: IngestModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
    consumers: (app) => [consumerTransport(app, topics.blobCleanup, { dedupe: true }, logger)],
  });
});

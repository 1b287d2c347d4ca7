import 'reflect-metadata';
import { consumerTransport } from '@mi/eventstore';
import { bootstrapService, createLogger, runService } from '@mi/platform';
import { PreviewsModule, previewsTopics } from './previews.module';
import { loadPreviewsConfig } from './previews.config';

runService('previews', async () => {
  const config = loadPreviewsConfig();
  const logger = createLogger('previews', config.LOG_LEVEL);
  const { requests, view } = previewsTopics(config);
  await bootstrapService({
    service: 'previews',
    module: PreviewsModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
    consumers: (app) => [
      consumerTransport(app, requests, { dedupe: true }, logger),
      // The view refresh guards itself by version.
      consumerTransport(app, view, { dedupe: false }, logger),
    ],
  });
});

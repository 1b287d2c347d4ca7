import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService, createLogger, runService } from '@mi/platform';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  await bootstrapService({
    service: 'gateway',
    module: GatewayModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
    jsonBodyLimit: config.JSON_BODY_LIMIT,
    configure: (app) => {
      (app as NestExpressApplication).set('trust proxy', config.TRUSTED_PROXIES);
    },
  });
});

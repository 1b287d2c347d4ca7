import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService, createLogger, runService } from '@mi/platform';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  await bootstrapService({
    module: GatewayModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    configure: (app) => {
      (app as NestExpressApplication).useBodyParser('json', { limit: config.JSON_BODY_LIMIT });
    },
  });
});

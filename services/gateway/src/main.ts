import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService, ApiErrorFilter, createLogger } from '@mi/platform';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

async function main() {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  await bootstrapService({
    module: GatewayModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    configure: (app) => {
      app.useGlobalFilters(new ApiErrorFilter(logger));
      (app as NestExpressApplication).useBodyParser('json', { limit: config.JSON_BODY_LIMIT });
    },
  });
}

main().catch((error) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'gateway', msg: String(error?.message ?? error) }));
  process.exit(1);
});

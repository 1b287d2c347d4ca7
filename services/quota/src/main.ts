import 'reflect-metadata';
import { ApiErrorFilter, bootstrapService, createLogger } from '@mi/platform';
import { loadQuotaConfig } from './quota.config';
import { quotaConsumers } from './quota.consumers';
import { QuotaModule, quotaTopics } from './quota.module';

async function main() {
  const config = loadQuotaConfig();
  const logger = createLogger('quota', config.LOG_LEVEL);
  const topics = quotaTopics(config);
  await bootstrapService({
    module: QuotaModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    configure: (app) => app.useGlobalFilters(new ApiErrorFilter(logger)),
    consumers: (app) => quotaConsumers(app, topics, logger),
  });
}

main().catch((error) => {
  // Config errors and failed connections end here: one clear line, non-zero exit.
  console.error(JSON.stringify({ level: 'fatal', service: 'quota', msg: String(error?.message ?? error) }));
  process.exit(1);
});

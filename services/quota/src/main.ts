import 'reflect-metadata';
import { bootstrapService, createLogger, runService } from '@mi/platform';
import { loadQuotaConfig } from './quota.config';
import { quotaConsumers } from './quota.consumers';
import { QuotaModule, quotaTopics } from './quota.module';

runService('quota', async () => {
  const config = loadQuotaConfig();
  const logger = createLogger('quota', config.LOG_LEVEL);
  const topics = quotaTopics(config);
  await bootstrapService({
    service: 'quota',
    module: QuotaModule.forRoot(config, logger),
    logger,
    host: config.HOST,
    port: config.PORT,
    serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
    consumers: (app) => quotaConsumers(app, topics, logger),
  });
});

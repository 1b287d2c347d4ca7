import type { INestApplication } from '@nestjs/common';
import { consumerTransport } from '@mi/eventstore';
import type { Logger } from 'pino';
import type { quotaTopics } from './quota.module';

/** Quota's Kafka consumers, one per group, each with its own dead-letter topic. */
export function quotaConsumers(app: INestApplication, topics: ReturnType<typeof quotaTopics>, logger: Logger) {
  return [
    consumerTransport(app, topics.accounts, { dedupe: true }, logger),
    consumerTransport(app, topics.uploadRejections, { dedupe: true }, logger),
    consumerTransport(app, topics.storageLedger, { dedupe: true }, logger),
    // The view refresh guards itself by version.
    consumerTransport(app, topics.accountsView, { dedupe: false }, logger),
  ];
}

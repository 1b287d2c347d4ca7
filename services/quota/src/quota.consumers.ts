import type { INestApplication } from '@nestjs/common';
import { consumerTransport } from '@mi/eventstore';
import type { Logger } from 'pino';
import type { quotaTopics } from './quota.module';

type Subscription = ReturnType<typeof quotaTopics>['accounts'];

/** Quota's Kafka consumers, one per group, each with its own dead-letter topic. */
export function quotaConsumers(app: INestApplication, topics: ReturnType<typeof quotaTopics>, logger: Logger) {
  const consumer = (s: Subscription, dedupe: boolean) =>
    consumerTransport(app, { groupId: s.groupId, topics: [s.topic], deadLetterTopic: s.deadLetter, dedupe }, logger);
  return [
    consumer(topics.accounts, true),
    consumer(topics.uploadRejections, true),
    consumer(topics.storageLedger, true),
    // The view refresh guards itself by version.
    consumer(topics.accountsView, false),
  ];
}

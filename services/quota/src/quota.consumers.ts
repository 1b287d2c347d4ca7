import type { INestApplication } from '@nestjs/common';
import { KAFKA, MongoStreamCheckpoints } from '@mi/eventstore';
import { EventConsumer, KafkaEventPublisher, KafkaEventsTransport } from '@mi/messaging';
import type { Logger } from 'pino';
import type { quotaTopics } from './quota.module';

type Subscription = ReturnType<typeof quotaTopics>['accounts'];

/** Quota's Kafka consumers, one per group, each with its own dead-letter topic. */
export function quotaConsumers(app: INestApplication, topics: ReturnType<typeof quotaTopics>, logger: Logger) {
  const consumer = (s: Subscription, dedupe: boolean) =>
    new KafkaEventsTransport(
      (handler) =>
        new EventConsumer(app.get(KAFKA), app.get(KafkaEventPublisher), {
          groupId: s.groupId,
          topics: [s.topic],
          deadLetterTopic: s.deadLetter,
          handler,
          // Reactions skip what their group already handled; the view refresh guards itself by version.
          checkpoints: dedupe ? app.get(MongoStreamCheckpoints) : undefined,
          logger,
        }),
      logger,
    );
  return [
    consumer(topics.accounts, true),
    consumer(topics.uploadRejections, true),
    consumer(topics.storageLedger, true),
    consumer(topics.accountsView, false),
  ];
}

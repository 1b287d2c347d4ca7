import type { INestApplicationContext } from '@nestjs/common';
import { EventConsumer, KafkaEventPublisher, KafkaEventsTransport } from '@mi/messaging';
import type { Logger } from 'pino';
import { MongoStreamCheckpoints } from '../stream-checkpoints';
import { KAFKA } from './event-sourcing.module';

export interface ConsumerSpec {
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  /**
   * Reactions skip events their group already handled (per-stream checkpoints); projections
   * guard themselves by version and need no checkpoint.
   */
  dedupe: boolean;
}

/** One consumer group of a service, as a Nest transport over the service's own Kafka wiring. */
export function consumerTransport(
  app: INestApplicationContext,
  spec: ConsumerSpec,
  logger: Logger,
): KafkaEventsTransport {
  return new KafkaEventsTransport(
    (handler) =>
      new EventConsumer(app.get(KAFKA), app.get(KafkaEventPublisher), {
        groupId: spec.groupId,
        topics: spec.topics,
        deadLetterTopic: spec.deadLetterTopic,
        handler,
        checkpoints: spec.dedupe ? app.get(MongoStreamCheckpoints) : undefined,
        logger,
      }),
    logger,
  );
}

import type { INestApplicationContext } from '@nestjs/common';
import type { Subscription } from '@mi/contracts';
import { EventConsumer, KafkaEventPublisher, KafkaEventsTransport } from '@mi/messaging';
import type { Logger } from 'pino';
import { MongoStreamCheckpoints } from '../stream-checkpoints';
import { KAFKA } from './event-sourcing.module';

/** One consumer group of a service, as a Nest transport over the service's own Kafka wiring. */
/**
 * Reactions skip events their group already handled (`dedupe`: per-stream checkpoints);
 * projections guard themselves by version and need no checkpoint.
 */
export function consumerTransport(
  app: INestApplicationContext,
  subscription: Subscription,
  { dedupe }: { dedupe: boolean },
  logger: Logger,
): KafkaEventsTransport {
  return new KafkaEventsTransport(
    (handler) =>
      new EventConsumer(app.get(KAFKA), app.get(KafkaEventPublisher), {
        groupId: subscription.groupId,
        topics: [subscription.topic],
        deadLetterTopic: subscription.deadLetter,
        handler,
        checkpoints: dedupe ? app.get(MongoStreamCheckpoints) : undefined,
        logger,
      }),
    logger,
  );
}

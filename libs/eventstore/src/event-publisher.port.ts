import type { Envelope } from '@mi/contracts';

/** Where committed events go (Kafka in every deployment); key = streamId keeps stream order. */
export interface EventPublisher {
  publish(topic: string, events: Envelope[]): Promise<void>;
}

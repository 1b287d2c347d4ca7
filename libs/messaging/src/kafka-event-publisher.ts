import type { Envelope } from '@mi/contracts';
import type { Kafka, Producer } from 'kafkajs';

/**
 * The one producer of a service. Idempotent (the broker drops retried duplicates) and acks=all;
 * key = streamId so every event of an aggregate lands on one partition, in order.
 */
export class KafkaEventPublisher {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
  }

  async connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error) => {
      this.connecting = undefined;
      throw error;
    });
    await this.connecting;
  }

  async publish(topic: string, events: Envelope[]): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({
        key: event.streamId,
        value: JSON.stringify(event),
        headers: {
          type: event.type,
          schemaVersion: String(event.schemaVersion),
          correlationId: event.correlationId,
        },
      })),
    });
  }

  /** Raw send, for dead letters that may not be valid envelopes. */
  async sendRaw(
    topic: string,
    message: { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, string> },
  ): Promise<void> {
    await this.connect();
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }

  async disconnect(): Promise<void> {
    if (this.connecting) await this.producer.disconnect();
    this.connecting = undefined;
  }
}

import { readEnvelope, UnknownEventType, type Envelope } from '@mi/contracts';
import { counter, runInContext } from '@mi/platform';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaEventPublisher } from './kafka-event-publisher';

/** What became of one consumed message: logged and counted for every message. */
export type ConsumerOutcome = 'applied' | 'skipped-duplicate' | 'ignored' | 'dead-lettered';

/** A handler decides itself whether an event was new to it ('applied') or not. */
export type EventHandler = (event: Envelope) => Promise<Exclude<ConsumerOutcome, 'dead-lettered'>>;

/** The last version of each stream a group has handled; see MongoStreamCheckpoints. */
export interface StreamCheckpoints {
  lastVersion(group: string, streamId: string): Promise<number>;
  save(group: string, streamId: string, version: number): Promise<void>;
}

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  handler: EventHandler;
  checkpoints?: StreamCheckpoints;
  maxAttempts?: number;
  backoffMs?: number;
  logger: Logger;
  /** Parses and upcasts a message; the contracts registry unless told. */
  readEvent?: (raw: unknown) => Envelope;
}

const outcomes = counter('mi_consumer_messages_total', 'Consumed messages by outcome', ['group', 'outcome']);

/**
 * Runs one consumer group: every message is parsed, deduplicated per stream, handled with
 * bounded retries and backoff, and dead-lettered when it keeps failing, so one poison message
 * never stops the group. Offsets are resolved only after a message is done, so a shutdown or a
 * crash commits nothing that was not handled.
 */
export class EventConsumer {
  private consumer: Consumer | undefined;
  private running = false;
  private readonly logger: Logger;

  constructor(
    private readonly kafka: Kafka,
    private readonly deadLetters: KafkaEventPublisher,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = options.logger.child({ group: options.groupId });
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    // Our group id is used verbatim (Nest's stock transport appends "-server").
    // A replica killed without leaving holds its partitions until its session times out: 10 s
    // (not kafkajs's 30 s) bounds how long a crash pauses its group.
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: true,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.running = false;
      this.logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.running = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachMessage: async ({ topic, partition, message }) => {
        const outcome = await this.consume(topic, partition, message);
        outcomes.inc({ group: this.options.groupId, outcome });
      },
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer?.disconnect();
  }

  private async consume(topic: string, partition: number, message: KafkaMessage): Promise<ConsumerOutcome> {
    let event: Envelope;
    try {
      event = (this.options.readEvent ?? readEnvelope)(JSON.parse(message.value?.toString() ?? ''));
    } catch (error) {
      // A type we do not know is another producer's newer event: not ours to fail on.
      if (error instanceof UnknownEventType) return 'ignored';
      await this.deadLetter(topic, partition, message, error as Error, 1);
      return 'dead-lettered';
    }
    return runInContext(
      { correlationId: event.correlationId, causationId: event.eventId, actor: event.actor },
      async () => {
        const { checkpoints, groupId } = this.options;
        if (checkpoints && (await checkpoints.lastVersion(groupId, event.streamId)) >= event.version) {
          this.logger.debug({ eventId: event.eventId, type: event.type }, 'skipped-duplicate');
          return 'skipped-duplicate';
        }
        const maxAttempts = this.options.maxAttempts ?? 5;
        for (let attempt = 1; ; attempt++) {
          try {
            const outcome = await this.options.handler(event);
            await checkpoints?.save(groupId, event.streamId, event.version);
            this.logger.debug({ eventId: event.eventId, type: event.type, outcome }, 'event handled');
            return outcome;
          } catch (error) {
            if (attempt >= maxAttempts) {
              await this.deadLetter(topic, partition, message, error as Error, attempt);
              return 'dead-lettered';
            }
            this.logger.warn({ err: error, eventId: event.eventId, attempt }, 'handler failed; retrying');
            await sleep((this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
          }
        }
      },
    );
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: Error, attempts: number) {
    this.logger.error({ err: error, topic, partition, offset: message.offset, attempts }, 'dead-lettered');
    await this.deadLetters.sendRaw(this.options.deadLetterTopic, {
      key: message.key,
      value: message.value,
      headers: {
        'x-original-topic': topic,
        'x-original-partition': String(partition),
        'x-original-offset': message.offset,
        'x-consumer-group': this.options.groupId,
        'x-error': error.message.slice(0, 1000),
        'x-attempts': String(attempts),
      },
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

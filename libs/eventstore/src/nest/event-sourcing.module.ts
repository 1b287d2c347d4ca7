import type { Subscription } from '@mi/contracts';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createKafka, ensureTopics, KafkaEventPublisher } from '@mi/messaging';
import type { HealthCheck } from '@mi/platform';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import { MongoEventStore } from '../mongo-event-store';
import { OutboxRelay } from '../outbox-relay';
import { MongoStreamCheckpoints } from '../stream-checkpoints';

export interface EventSourcingOptions {
  /** Kafka client id and log name, e.g. `catalog`. */
  service: string;
  mongoUrl: string;
  database: string;
  kafkaBrokers: string[];
  /** The topic this service's events go to (already prefixed). */
  eventsTopic: string;
  /** Every topic this service consumes or produces, created at start-up if missing. */
  topics: string[];
  outboxSweepMs: number;
  logger: Logger;
}

/** The settings every event-sourced service reads, as its config schema names them. */
export interface ServiceStoreConfig {
  MONGO_URL: string;
  MONGO_DATABASE: string;
  KAFKA_BROKERS: string[];
  OUTBOX_SWEEP_MS: number;
}

export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const MONGO_DB = Symbol('MONGO_DB');
export const KAFKA = Symbol('KAFKA');
export const LOGGER = Symbol('LOGGER');
export const EVENT_SOURCING_HEALTH = Symbol('EVENT_SOURCING_HEALTH');

@Injectable()
class EventSourcingLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(KafkaEventPublisher) private readonly publisher: KafkaEventPublisher,
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject('EVENT_SOURCING_OPTIONS') private readonly options: EventSourcingOptions,
  ) {}

  private topicsEnsured: Promise<void> = Promise.resolve();

  async onModuleInit(): Promise<void> {
    await this.store.init();
    // Kafka may still be coming up: the service starts anyway (not ready) and the sweep
    // publishes whatever was committed meanwhile.
    this.topicsEnsured = ensureTopics(this.kafka, this.options.topics).catch((error) =>
      this.logger.warn({ err: error }, 'could not ensure topics yet'),
    );
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    // Left running, the topic check would go on using the Kafka client after the app closed
    // (under Jest: a require after teardown, which fails the run). closeOnSignals bounds the wait.
    await this.topicsEnsured;
    await this.relay.stop();
    await this.publisher.disconnect();
    await this.connection.close();
  }
}

/**
 * The write side every service shares: its MongoDB database, the commit store, the outbox relay
 * to its events topic, the Kafka client, and health checks for both.
 */
@Module({})
export class EventSourcingModule {
  /** `forRoot` from a service's validated config: its events topic, and the topics of its subscriptions. */
  static forService(
    service: string,
    config: ServiceStoreConfig,
    logger: Logger,
    topics: { events: string; consumes: Subscription[] },
  ): DynamicModule {
    return EventSourcingModule.forRoot({
      service,
      mongoUrl: config.MONGO_URL,
      database: config.MONGO_DATABASE,
      kafkaBrokers: config.KAFKA_BROKERS,
      eventsTopic: topics.events,
      topics: [topics.events, ...topics.consumes.flatMap((s) => [s.topic, s.deadLetter])],
      outboxSweepMs: config.OUTBOX_SWEEP_MS,
      logger,
    });
  }

  static forRoot(options: EventSourcingOptions): DynamicModule {
    const providers = [
      { provide: 'EVENT_SOURCING_OPTIONS', useValue: options },
      { provide: LOGGER, useValue: options.logger },
      {
        provide: MONGO_CONNECTION,
        useFactory: () =>
          mongoose
            .createConnection(options.mongoUrl, { dbName: options.database, serverSelectionTimeoutMS: 5000 })
            .asPromise(),
      },
      { provide: MONGO_DB, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => connection.db! },
      { provide: KAFKA, useFactory: () => createKafka(options.service, options.kafkaBrokers, options.logger) },
      { provide: KafkaEventPublisher, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaEventPublisher(kafka) },
      { provide: MongoEventStore, inject: [MONGO_DB], useFactory: (db: Db) => new MongoEventStore(db) },
      { provide: MongoStreamCheckpoints, inject: [MONGO_DB], useFactory: (db: Db) => new MongoStreamCheckpoints(db) },
      {
        provide: OutboxRelay,
        inject: [MongoEventStore, KafkaEventPublisher],
        useFactory: (store: MongoEventStore, publisher: KafkaEventPublisher) =>
          new OutboxRelay(store, publisher, options.logger, {
            topic: options.eventsTopic,
            sweepIntervalMs: options.outboxSweepMs,
          }),
      },
      {
        provide: EVENT_SOURCING_HEALTH,
        inject: [MONGO_DB, KAFKA],
        useFactory: (db: Db, kafka: Kafka): HealthCheck[] => {
          const admin = kafka.admin();
          return [
            { name: 'mongodb', check: async () => void (await db.command({ ping: 1 })) },
            {
              name: 'kafka',
              check: async () => {
                await admin.connect();
                await admin.describeCluster();
              },
            },
          ];
        },
      },
      EventSourcingLifecycle,
    ];
    return {
      module: EventSourcingModule,
      global: true,
      providers,
      exports: [
        LOGGER,
        MONGO_CONNECTION,
        MONGO_DB,
        KAFKA,
        KafkaEventPublisher,
        MongoEventStore,
        MongoStreamCheckpoints,
        OutboxRelay,
        EVENT_SOURCING_HEALTH,
      ],
    };
  }
}

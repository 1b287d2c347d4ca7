import { randomBytes } from 'node:crypto';
import { createKafka } from '@mi/messaging';
import type { Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import pino from 'pino';

/** Addresses of the stack the global setup started (deploy/local/stack.sh). */
export const stackEnv = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
  gcsApiEndpoint: process.env.GCS_API_ENDPOINT ?? 'http://127.0.0.1:4443',
};

/** A short unique name, so parallel test files never share a database, topic or bucket. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export const quietLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function testKafka(clientId = uniqueName('test')): Kafka {
  return createKafka(clientId, stackEnv.kafkaBrokers, quietLogger);
}

/** A fresh FerretDB database, dropped by `close`. */
export async function testDatabase(prefix = 'test') {
  const name = uniqueName(prefix).replace(/-/g, '_');
  const connection = await mongoose.createConnection(stackEnv.mongoUrl, { dbName: name }).asPromise();
  return {
    name,
    connection,
    db: connection.db!,
    async close() {
      await connection.db?.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}

export interface TopicMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/**
 * Reads a topic from the beginning until `count` messages arrived, or until `count(messages)`
 * says enough (bounded wait).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number | ((messages: TopicMessage[]) => boolean),
  timeoutMs = 20000,
) {
  const enough = typeof count === 'number' ? (m: TopicMessage[]) => m.length >= count : count;
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: TopicMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${messages.length} messages on ${topic}, not enough`)),
      timeoutMs,
    );
    void consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
        );
        messages.push({
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers,
          partition,
        });
        if (enough(messages)) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** A loopback port nothing listens on: a stand-in for a component that is down. */
export { freePort } from '../../deploy/local/service-processes';

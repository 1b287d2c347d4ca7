import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { KafkaEventPublisher, ensureTopics } from '@mi/messaging';
import { repoRoot } from '../../deploy/local/service-processes';
import { counterDecider, counterDefinitionOf } from '../support/counter.fixture';
import { quietLogger, testDatabase, testKafka, uniqueName } from '../support/stack';
import { report, summarize, type BenchRow } from './bench-report';

// Bounded: fixed counts, loopback only. Measures the write path every service shares.
const APPENDS = 400;
const CONTENDED = 100;
const PUBLISHED = 200;
const metadata = { correlationId: 'bench', causationId: null, actor: 'bench' };

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main() {
  execFileSync(path.join(repoRoot(), 'deploy/local/stack.sh'), ['up'], { stdio: 'inherit' });
  const database = await testDatabase('bench');
  const store = new MongoEventStore(database.db, { definitionOf: counterDefinitionOf });
  await store.init();
  const handler = new CommandHandler(store, 'Counter', counterDecider);
  const rows: BenchRow[] = [];

  // 1. Appends to distinct streams, 8 at a time.
  let wall = performance.now();
  const appendTimes: number[] = [];
  for (let i = 0; i < APPENDS; i += 8) {
    appendTimes.push(
      ...(await Promise.all(
        Array.from({ length: 8 }, () => timed(() => handler.handle(randomUUID(), { by: 1 }, metadata))),
      )),
    );
  }
  rows.push(summarize('command on a new stream (load + decide + append)', appendTimes, performance.now() - wall));

  // 2. Contention: many commands on one stream at once, retried until each lands.
  const hot = randomUUID();
  wall = performance.now();
  const contended = await Promise.all(
    Array.from({ length: CONTENDED }, () => timed(() => handler.handle(hot, { by: 1 }, metadata))),
  );
  rows.push(summarize(`${CONTENDED} concurrent commands on one stream`, contended, performance.now() - wall));

  // 3. Outbox: append → published to Kafka and marked, per commit.
  const kafka = testKafka();
  const topic = uniqueName('bench');
  await ensureTopics(kafka, [topic]);
  const publisher = new KafkaEventPublisher(kafka);
  await publisher.connect();
  const relay = new OutboxRelay(store, publisher, quietLogger, { topic });
  const publishTimes: number[] = [];
  wall = performance.now();
  for (let i = 0; i < PUBLISHED; i++) {
    publishTimes.push(
      await timed(async () => {
        const streamId = randomUUID();
        await handler.handle(streamId, { by: 1 }, metadata);
        await relay.publishStream(streamId);
      }),
    );
  }
  rows.push(summarize('append + publish to Kafka (acks=all) + mark', publishTimes, performance.now() - wall));

  await publisher.disconnect();
  await database.close();
  report('eventstore', rows, { cpus: os.cpus().length, node: process.version, appends: APPENDS });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import type { Envelope } from '@mi/contracts';
import { KafkaEventPublisher, ensureTopics } from '@mi/messaging';
import {
  counterDecider,
  counterDefinitionOf,
  quietLogger,
  readTopic,
  testDatabase,
  testKafka,
  uniqueName,
} from '@mi/testing';
import { CommandHandler, ConcurrencyConflict, MongoEventStore, MongoSnapshotStore, OutboxRelay } from './index';

const metadata = { correlationId: 'corr-1', causationId: null, actor: 'tester' };

async function unpublished(store: MongoEventStore, streamId: string) {
  return (await store.readCommits(streamId)).filter((c) => !c.published);
}

describe('MongoEventStore on FerretDB', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let store: MongoEventStore;

  beforeAll(async () => {
    database = await testDatabase('eventstore');
    store = new MongoEventStore(database.db, { definitionOf: counterDefinitionOf });
    await store.init();
  });
  afterAll(() => database.close());

  it('appends a commit whose events carry the full envelope', async () => {
    const streamId = randomUUID();
    const commit = await store.append({
      streamId,
      streamType: 'Counter',
      expectedVersion: 0,
      events: [
        { type: 'test.CounterIncremented', data: { by: 1, total: 1 } },
        { type: 'test.CounterIncremented', data: { by: 2, total: 3 } },
      ],
      metadata,
    });
    expect(commit._id).toBe(`${streamId}:1`);
    const events = await store.readStream(streamId);
    expect(events.map((e) => e.version)).toEqual([1, 2]);
    expect(events[0]).toMatchObject({
      type: 'test.CounterIncremented',
      schemaVersion: 1,
      streamId,
      streamType: 'Counter',
      correlationId: 'corr-1',
      causationId: null,
      actor: 'tester',
    });
    expect(events[0].eventId).not.toEqual(events[1].eventId);
  });

  it('refuses a second commit at a version another writer took', async () => {
    const streamId = randomUUID();
    const append = (expectedVersion: number) =>
      store.append({
        streamId,
        streamType: 'Counter',
        expectedVersion,
        events: [
          { type: 'test.CounterIncremented', data: { by: 1, total: 1 } },
          { type: 'test.CounterIncremented', data: { by: 1, total: 2 } },
        ],
        metadata,
      });
    await append(0);
    await expect(append(0)).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('refuses an event whose payload breaks its schema', async () => {
    await expect(
      store.append({
        streamId: randomUUID(),
        streamType: 'Counter',
        expectedVersion: 0,
        events: [{ type: 'test.CounterIncremented', data: { by: 'one' } }],
        metadata,
      }),
    ).rejects.toThrow();
  });

  it('lands every one of many concurrent commands on one stream, one winner per version', async () => {
    const streamId = randomUUID();
    // Five handlers stand for five replicas: they share nothing but the database.
    const replicas = Array.from({ length: 5 }, () => new CommandHandler(store, 'Counter', counterDecider));
    const commands = Array.from({ length: 25 }, (_, i) => i + 1);
    const appends = jest.spyOn(store, 'append');
    await Promise.all(commands.map((by) => replicas[by % 5].handle(streamId, { by }, metadata)));
    // Replicas did collide, and the losers retried on the state the winner left.
    expect(appends.mock.calls.length).toBeGreaterThan(commands.length);
    appends.mockRestore();

    const events = await store.readStream(streamId);
    expect(events.map((e) => e.version)).toEqual(commands.map((_, i) => i + 1));
    // Each decision saw the state left by the one before it: the running total never skips.
    const expectedTotal = commands.reduce((a, b) => a + b, 0);
    expect(events.at(-1)!.data).toMatchObject({ total: expectedTotal });
    for (let i = 1; i < events.length; i++) {
      const previous = events[i - 1].data as { total: number };
      const current = events[i].data as { by: number; total: number };
      expect(current.total).toBe(previous.total + current.by);
    }
  });

  it('loads from a snapshot and reads only the events after it', async () => {
    const snapshots = new MongoSnapshotStore(database.db, uniqueName('snapshots'));
    const handler = new CommandHandler(store, 'Counter', counterDecider, { snapshots, snapshotEvery: 3 });
    const streamId = randomUUID();
    for (let i = 0; i < 5; i++) await handler.handle(streamId, { by: 10 }, metadata);
    // The stream crossed 3 events with the third command: that is when the snapshot was taken.
    expect(await snapshots.load(streamId)).toEqual({ version: 3, state: { total: 30 } });

    // A fresh process (no state in memory) starts from the snapshot, not from version 1.
    await snapshots.save(streamId, 5, { total: 1000 });
    const restarted = new CommandHandler(store, 'Counter', counterDecider, { snapshots, snapshotEvery: 3 });
    expect(await restarted.load(streamId)).toEqual({ state: { total: 1000 }, version: 5 });
    await restarted.handle(streamId, { by: 1 }, metadata);
    expect(await restarted.load(streamId)).toEqual({ state: { total: 1001 }, version: 6 });
    expect(await snapshots.load(streamId)).toEqual({ version: 6, state: { total: 1001 } });
  });

  it('sees commits another replica appended after the state it keeps in memory', async () => {
    const streamId = randomUUID();
    const first = new CommandHandler(store, 'Counter', counterDecider);
    const second = new CommandHandler(store, 'Counter', counterDecider);
    await first.handle(streamId, { by: 1 }, metadata);
    await second.handle(streamId, { by: 10 }, metadata);
    const result = await first.handle(streamId, { by: 100 }, metadata);
    expect(result).toMatchObject({ state: { total: 111 }, version: 3 });
  });

  it('never lets an older snapshot replace a newer one', async () => {
    const snapshots = new MongoSnapshotStore(database.db, uniqueName('snapshots'));
    const streamId = randomUUID();
    await snapshots.save(streamId, 8, { total: 8 });
    await snapshots.save(streamId, 4, { total: 4 });
    expect(await snapshots.load(streamId)).toEqual({ version: 8, state: { total: 8 } });
  });
});

describe('OutboxRelay on FerretDB and Kafka', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let store: MongoEventStore;
  const kafka = testKafka();
  const publisher = new KafkaEventPublisher(kafka);

  beforeAll(async () => {
    database = await testDatabase('outbox');
    store = new MongoEventStore(database.db, { definitionOf: counterDefinitionOf });
    await store.init();
  });
  afterAll(async () => {
    await publisher.disconnect();
    await database.close();
  });

  async function newTopic() {
    const topic = uniqueName('outbox');
    await ensureTopics(kafka, [topic], 3);
    return topic;
  }

  it('publishes right after the append, keyed by stream, and marks the commit published', async () => {
    const topic = await newTopic();
    const relay = new OutboxRelay(store, publisher, quietLogger, { topic });
    const handler = new CommandHandler(store, 'Counter', counterDecider);
    const streamId = randomUUID();
    const result = await handler.handle(streamId, { by: 7 }, metadata);
    await relay.publishStream(streamId);

    const [message] = await readTopic(kafka, topic, 1);
    expect(message.key).toBe(streamId);
    expect(JSON.parse(message.value)).toMatchObject({ streamId, version: 1, data: { by: 7, total: 7 } });
    expect(message.headers.type).toBe('test.CounterIncremented');
    expect(await unpublished(store, streamId)).toEqual([]);
    expect(result.commit?.published).toBe(false); // as appended; the relay marks it afterwards
  });

  it('heals a crash between append and publish: the sweep of a new relay publishes it once', async () => {
    const topic = await newTopic();
    const handler = new CommandHandler(store, 'Counter', counterDecider);
    const streamId = randomUUID();
    // The process that appended died before publishing: nothing was sent.
    await handler.handle(streamId, { by: 1 }, metadata);
    await handler.handle(streamId, { by: 2 }, metadata);
    expect(await unpublished(store, streamId)).toHaveLength(2);

    const restarted = new OutboxRelay(store, publisher, quietLogger, { topic, graceMs: 0 });
    expect(await restarted.sweep()).toBeGreaterThanOrEqual(1);
    expect(await restarted.sweep()).toBe(0); // nothing left: a second sweep sends nothing again

    const messages = await readTopic(kafka, topic, 2);
    expect(messages.map((m) => (JSON.parse(m.value) as Envelope).version)).toEqual([1, 2]);
    expect(await unpublished(store, streamId)).toEqual([]);
  });

  it('keeps stream order per key when many streams publish concurrently', async () => {
    const topic = await newTopic();
    const relay = new OutboxRelay(store, publisher, quietLogger, { topic });
    const handler = new CommandHandler(store, 'Counter', counterDecider, { onCommitted: (c) => relay.committed(c) });
    const streams = Array.from({ length: 6 }, () => randomUUID());
    await Promise.all(
      streams.map(async (streamId) => {
        for (let i = 1; i <= 5; i++) await handler.handle(streamId, { by: i }, metadata);
      }),
    );
    await Promise.all(streams.map((s) => relay.publishStream(s)));
    const messages = await readTopic(kafka, topic, 30);
    for (const streamId of streams) {
      const versions = messages.filter((m) => m.key === streamId).map((m) => (JSON.parse(m.value) as Envelope).version);
      expect(versions).toEqual([1, 2, 3, 4, 5]);
    }
    await relay.stop();
  });
});

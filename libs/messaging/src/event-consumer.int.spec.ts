import { randomUUID } from 'node:crypto';
import type { Envelope } from '@mi/contracts';
import { MongoStreamCheckpoints } from '@mi/eventstore';
import { eventually, quietLogger, readCounterEvent, readTopic, testDatabase, testKafka, uniqueName } from '@mi/testing';
import { EventConsumer, KafkaEventPublisher, ensureTopics, type EventHandler } from './index';

function aCounterEvent(streamId: string, version: number, overrides: Partial<Envelope> = {}): Envelope {
  return {
    eventId: randomUUID(),
    type: 'test.CounterIncremented',
    schemaVersion: 1,
    streamId,
    streamType: 'Counter',
    version,
    occurredAt: new Date().toISOString(),
    correlationId: 'corr',
    causationId: null,
    actor: null,
    data: { by: 1, total: version },
    ...overrides,
  };
}

describe('EventConsumer on Kafka', () => {
  const kafka = testKafka();
  const publisher = new KafkaEventPublisher(kafka);
  let database: Awaited<ReturnType<typeof testDatabase>>;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    database = await testDatabase('messaging');
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await publisher.disconnect();
    await database.close();
  });

  async function setUp(handler: EventHandler, maxAttempts = 3) {
    const topic = uniqueName('events');
    const groupId = uniqueName('group');
    const deadLetterTopic = `${groupId}.dead-letter`;
    await ensureTopics(kafka, [topic, deadLetterTopic], 2);
    const consumer = new EventConsumer(kafka, publisher, {
      groupId,
      topics: [topic],
      deadLetterTopic,
      handler,
      checkpoints: new MongoStreamCheckpoints(database.db),
      maxAttempts,
      backoffMs: 10,
      logger: quietLogger,
      readEvent: readCounterEvent,
    });
    consumers.push(consumer);
    await consumer.start();
    return { topic, groupId, deadLetterTopic, consumer };
  }

  it('joins Kafka under exactly the group id it was given', async () => {
    const { groupId } = await setUp(async () => 'applied');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      expect(groups.map((g) => g.groupId)).toContain(groupId);
      expect(groups.map((g) => g.groupId)).not.toContain(`${groupId}-server`);
    } finally {
      await admin.disconnect();
    }
  });

  it('hands each event to its handler once, even when Kafka delivers it twice', async () => {
    const seen: string[] = [];
    const { topic } = await setUp(async (event) => {
      seen.push(`${event.streamId}@${event.version}`);
      return 'applied';
    });
    const streamId = randomUUID();
    const first = aCounterEvent(streamId, 1);
    const second = aCounterEvent(streamId, 2);
    // At-least-once: a relay that crashed before marking its commit sends the same events again.
    await publisher.publish(topic, [first, second]);
    await publisher.publish(topic, [first, second]);
    await publisher.publish(topic, [aCounterEvent(streamId, 3)]);

    // A marker on the same key comes after every copy in its partition: once it is handled, a
    // wrong extra call would already have been seen.
    await publisher.publish(topic, [aCounterEvent(streamId, 4)]);

    await eventually(async () => seen.includes(`${streamId}@4`));
    expect(seen).toEqual([`${streamId}@1`, `${streamId}@2`, `${streamId}@3`, `${streamId}@4`]);
  });

  it('retries a failing handler with backoff and succeeds without dead-lettering', async () => {
    let calls = 0;
    const { topic, deadLetterTopic } = await setUp(async () => {
      calls += 1;
      if (calls < 3) throw new Error('transient');
      return 'applied';
    });
    await publisher.publish(topic, [aCounterEvent(randomUUID(), 1)]);
    await eventually(async () => calls === 3);
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(deadLetterTopic).finally(() => admin.disconnect());
    expect(offsets.map((o) => o.high)).toEqual(offsets.map(() => '0'));
  });

  it('dead-letters a poison message and goes on with the next ones', async () => {
    const handled: number[] = [];
    const { topic, deadLetterTopic } = await setUp(async (event) => {
      if ((event.data as { total: number }).total === 666) throw new Error('cannot handle 666');
      handled.push(event.version);
      return 'applied';
    });
    const streamId = randomUUID();
    await publisher.publish(topic, [
      aCounterEvent(streamId, 1),
      aCounterEvent(streamId, 2, { data: { by: 1, total: 666 } }),
      aCounterEvent(streamId, 3),
    ]);
    await publisher.sendRaw(topic, { key: 'garbage', value: 'this is not json', headers: {} });
    await publisher.publish(topic, [aCounterEvent(streamId, 4)]);

    await eventually(async () => handled.includes(4));
    expect(handled).toEqual([1, 3, 4]);
    const dead = await readTopic(kafka, deadLetterTopic, 2);
    const byKey = Object.fromEntries(dead.map((m) => [m.key, m]));
    expect(byKey[streamId].headers).toMatchObject({ 'x-original-topic': topic, 'x-attempts': '3' });
    expect(byKey[streamId].headers['x-error']).toContain('cannot handle 666');
    expect(byKey['garbage'].value).toBe('this is not json');
  });

  it('commits only handled offsets: a restarted group resumes after the last handled message', async () => {
    const firstRun: number[] = [];
    const { topic, groupId, deadLetterTopic, consumer } = await setUp(async (event) => {
      firstRun.push(event.version);
      return 'applied';
    });
    const streamId = randomUUID();
    await publisher.publish(topic, [aCounterEvent(streamId, 1), aCounterEvent(streamId, 2)]);
    await eventually(async () => firstRun.length === 2);
    await consumer.stop();

    await publisher.publish(topic, [aCounterEvent(streamId, 3)]);
    const secondRun: number[] = [];
    // No checkpoints here: only Kafka's committed offsets keep 1 and 2 from coming back.
    const restarted = new EventConsumer(kafka, publisher, {
      groupId,
      topics: [topic],
      deadLetterTopic,
      handler: async (event) => {
        secondRun.push(event.version);
        return 'applied';
      },
      logger: quietLogger,
      readEvent: readCounterEvent,
    });
    consumers.push(restarted);
    await restarted.start();
    await publisher.publish(topic, [aCounterEvent(streamId, 4)]); // the marker: same key, after 1–3
    await eventually(async () => secondRun.includes(4));
    expect(secondRun).toEqual([3, 4]);
  });
});

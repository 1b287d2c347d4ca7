import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB } from '@mi/eventstore';
import { KafkaEventPublisher } from '@mi/messaging';
import { ServiceClient, bootstrapService } from '@mi/platform';
import { eventually, freePort, quietLogger, stackEnv, testKafka, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { aQuotaConfig, imageAccepted, imageDeleted, uploadRejected, userRegistered } from '../test/quota.fixtures';
import { quotaConsumers } from './quota.consumers';
import { QuotaModule, quotaTopics } from './quota.module';

/** The service as main.ts runs it (HTTP + every consumer), on its own database and topics. */
describe('quota service reacting to identity, ingest and catalog topics', () => {
  let app: INestApplication;
  let base: string;
  let quota: ServiceClient;
  const publisher = new KafkaEventPublisher(testKafka());
  const prefix = `${uniqueName('q')}.`;
  const email = `${uniqueName('user')}@example.com`;

  beforeAll(async () => {
    const port = await freePort();
    const config = aQuotaConfig({
      PORT: String(port),
      KAFKA_BROKERS: stackEnv.kafkaBrokers.join(','),
      MONGO_URL: stackEnv.mongoUrl,
      MONGO_DATABASE: uniqueName('quota').replace(/-/g, '_'),
      KAFKA_TOPIC_PREFIX: prefix,
    });
    const topics = quotaTopics(config);
    app = await bootstrapService({
      service: 'quota',
      module: QuotaModule.forRoot(config, quietLogger),
      logger: quietLogger,
      host: '127.0.0.1',
      port,
      serviceTokenSecret: config.SERVICE_TOKEN_SECRET,
      consumers: (a) => quotaConsumers(a, topics, quietLogger),
    });
    base = `http://127.0.0.1:${port}`;
    quota = new ServiceClient({
      service: 'quota',
      baseUrl: base,
      secret: config.SERVICE_TOKEN_SECRET,
      timeoutMs: 5000,
    });
  });
  afterAll(async () => {
    await publisher.disconnect();
    await app.get<Db>(MONGO_DB).dropDatabase();
    await app.close();
  });

  const alice = { owner: email, plan: null };
  const memory = () => quota.json<Record<string, unknown>>('GET', `/internal/accounts/${email}/memory`, alice);
  const publish = (topic: string, ...events: Envelope[]) => publisher.publish(`${prefix}${topic}`, events);

  it('opens the account, settles reservations and frees storage from the topics, each event once', async () => {
    await publish('identity.events', userRegistered(email, 'premium'));
    await eventually(async () => (await memory()).plan === 'premium');

    const [mosaicId, kept, rejected] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [kept, rejected]) {
      const reserved = await quota.json('POST', `/internal/accounts/${email}/reservations`, alice, {
        reservationId: id,
        bytes: 5000,
      });
      expect(reserved).toMatchObject({ reservationId: id, bytes: 5000 });
    }
    const accepted = imageAccepted(email, mosaicId, kept, 4200);
    // Redelivered: the same event twice on the topic.
    await publish('catalog.events', accepted, accepted);
    await publish('ingest.events', uploadRejected(email, rejected));
    await eventually(async () => {
      const m = await memory();
      return m.memoryUsed === 4200 && m.memoryReserved === 0;
    });

    await publish('catalog.events', imageDeleted(email, mosaicId, kept, 4200));
    await eventually(async () => (await memory()).memoryUsed === 0);
    expect(await memory()).toMatchObject({ memoryUsed: 0, memoryReserved: 0, plan: 'premium' });
  });

  it('answers only calls signed with the deployment secret: no credential, another secret, a forged owner', async () => {
    const unsigned = await fetch(`${base}/internal/accounts/${email}/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-owner-id': email },
      body: JSON.stringify({ reservationId: randomUUID(), bytes: 1 }),
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ detail: { code: 'Unauthorized', parameters: {} } });

    const stranger = new ServiceClient({ service: 'quota', baseUrl: base, secret: 'x'.repeat(40), timeoutMs: 5000 });
    await expect(stranger.json('GET', `/internal/accounts/${email}/memory`, alice)).rejects.toMatchObject({
      status: 401,
      code: 'Unauthorized',
    });
  });

  it("refuses a signed caller touching another account's reservations or memory", async () => {
    const bob = { owner: 'bob@example.com', plan: null };
    const reserve = quota.json('POST', `/internal/accounts/${email}/reservations`, bob, {
      reservationId: randomUUID(),
      bytes: 1,
    });
    await expect(reserve).rejects.toMatchObject({ status: 404, code: 'NotFound' });
    await expect(quota.json('GET', `/internal/accounts/${email}/memory`, bob)).rejects.toMatchObject({ status: 404 });
    await expect(
      quota.json('DELETE', `/internal/accounts/${email}/reservations/${randomUUID()}`, bob),
    ).rejects.toMatchObject({ status: 404 });
  });
});

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB, MongoEventStore } from '@mi/eventstore';
import {
  ApiErrorFilter,
  PLAN_CATALOG,
  SERVICE_TOKEN_HEADER,
  serviceAuthentication,
  signServiceToken,
} from '@mi/platform';
import { quietLogger, readTopic, stackEnv, testKafka, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import {
  anEnvelope,
  aQuotaConfig,
  imageAccepted,
  imageDeleted,
  imageRejected,
  mosaicDeleted,
  planChanged,
  testPlans,
  uploadRejected,
  userRegistered,
} from '../test/quota.fixtures';
import { AccountCommands } from './account-commands.service';
import { AccountsViewConsumer } from './accounts-view/accounts-view.consumer';
import { MemoryLimitExceeded } from './domain/account.errors';
import { ExpireReservationsSweep } from './expire-reservations/expire-reservations.sweep';
import { AccountPlans } from './plans/account-plans';
import { QuotaModule, quotaTopics } from './quota.module';
import { AccountsConsumer } from './storage-reactions/accounts.consumer';
import { StorageLedgerConsumer } from './storage-reactions/storage-ledger.consumer';
import { UploadRejectionsConsumer } from './storage-reactions/upload-rejections.consumer';

const config = aQuotaConfig({
  KAFKA_BROKERS: stackEnv.kafkaBrokers.join(','),
  MONGO_URL: stackEnv.mongoUrl,
  MONGO_DATABASE: uniqueName('quota').replace(/-/g, '_'),
  KAFKA_TOPIC_PREFIX: `${uniqueName('ledger')}.`,
  OUTBOX_SWEEP_MS: '60000',
});
const topic = quotaTopics(config).events;

/** One quota replica, wired as the service wires it: its own process state on the shared database. */
async function aReplica(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [QuotaModule.forRoot(config, quietLogger)] })
    .overrideProvider(PLAN_CATALOG)
    .useValue(testPlans)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.use(serviceAuthentication(config.SERVICE_TOKEN_SECRET, 'quota'));
  app.useGlobalFilters(new ApiErrorFilter(quietLogger));
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('quota ledger on FerretDB and Kafka', () => {
  let app: INestApplication;
  let replica: INestApplication;
  let base: string;

  beforeAll(async () => {
    [app, replica] = [await aReplica(), await aReplica()];
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app.get<Db>(MONGO_DB).dropDatabase();
    await replica.close();
    await app.close();
  });

  const anAccount = () => `${uniqueName('user')}@example.com`;
  /** Signed as the gateway signs its calls, for the account's own owner. */
  const signedFor = (email: string) => ({
    [SERVICE_TOKEN_HEADER]: signServiceToken(config.SERVICE_TOKEN_SECRET, 'quota', { owner: email, plan: null }),
  });
  const memoryOf = async (email: string) =>
    (await fetch(`${base}/internal/accounts/${email}/memory`, { headers: signedFor(email) })).json();
  const reserve = (email: string, reservationId: string, bytes: number) =>
    fetch(`${base}/internal/accounts/${email}/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedFor(email) },
      body: JSON.stringify({ reservationId, bytes }),
    });
  /** Every reaction runs twice, as a redelivery (or a second replay of the topic) would. */
  async function deliverTwice(event: Envelope) {
    const ledger = app.get(StorageLedgerConsumer);
    const handle = (e: Envelope) => {
      if (e.type.startsWith('identity.')) return app.get(AccountsConsumer).onIdentityEvent(e);
      if (e.type.startsWith('ingest.')) return app.get(UploadRejectionsConsumer).onUploadRejected(e);
      return ledger.onCatalogEvent(e);
    };
    const first = await handle(event);
    expect(await handle(event)).not.toBe('applied');
    return first;
  }

  it('answers the Memory object of the default plan for an account it never heard of', async () => {
    expect(await memoryOf(anAccount())).toEqual({
      memoryLimit: 1000,
      memoryUsed: 0,
      memoryFree: 1000,
      maxUploadFileSize: 800,
      maxPixelCount: 100,
      memoryReserved: 0,
      plan: 'free',
    });
  });

  it('reserves, commits the actual size, and frees it on delete', async () => {
    const email = anAccount();
    const [mosaicId, imageId] = [randomUUID(), randomUUID()];
    const reserved = await reserve(email, imageId, 600);
    expect(reserved.status).toBe(200);
    expect(await reserved.json()).toEqual({ reservationId: imageId, bytes: 600, expiresAt: expect.any(String) });
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 0, memoryReserved: 600, memoryFree: 400 });

    expect(await deliverTwice(imageAccepted(email, mosaicId, imageId, 550))).toBe('applied');
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 550, memoryReserved: 0, memoryFree: 450 });

    expect(await deliverTwice(imageDeleted(email, mosaicId, imageId, 550))).toBe('applied');
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 0, memoryReserved: 0, memoryFree: 1000 });
  });

  it('refuses a reservation that does not fit with the MemoryLimitExceeded envelope', async () => {
    const email = anAccount();
    expect((await reserve(email, randomUUID(), 700)).status).toBe(200);
    const refused = await reserve(email, randomUUID(), 301);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      detail: { code: 'MemoryLimitExceeded', parameters: { memory_requested: 301, available_memory: 300 } },
    });
    const badShape = await reserve(email, '', -1);
    expect(badShape.status).toBe(400);
    expect(await badShape.json()).toMatchObject({ detail: { code: 'BadRequest' } });
  });

  it('answers a retried reservation with the same reservation, once', async () => {
    const email = anAccount();
    const id = randomUUID();
    const first = await (await reserve(email, id, 300)).json();
    expect(await (await reserve(email, id, 300)).json()).toEqual(first);
    expect(await memoryOf(email)).toMatchObject({ memoryReserved: 300 });
  });

  it('releases reservations on an upload rejection, an image rejection, and a cancel', async () => {
    const email = anAccount();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [a, b, c]) await reserve(email, id, 200);
    expect(await deliverTwice(uploadRejected(email, a))).toBe('applied');
    expect(await deliverTwice(imageRejected(email, randomUUID(), b))).toBe('applied');
    expect(
      (
        await fetch(`${base}/internal/accounts/${email}/reservations/${c}`, {
          method: 'DELETE',
          headers: signedFor(email),
        })
      ).status,
    ).toBe(204);
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 0, memoryReserved: 0, memoryFree: 1000 });
  });

  it('frees every committed image of a deleted mosaic, once each', async () => {
    const email = anAccount();
    const mosaicId = randomUUID();
    const [a, b, never] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [id, size] of [
      [a, 100],
      [b, 250],
    ] as const) {
      await reserve(email, id, size);
      await deliverTwice(imageAccepted(email, mosaicId, id, size));
    }
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 350 });
    const deleted = mosaicDeleted(email, mosaicId, [
      { imageId: a, fileSize: 100 },
      { imageId: b, fileSize: 250 },
      { imageId: never, fileSize: 999 },
    ]);
    expect(await deliverTwice(deleted)).toBe('applied');
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 0, memoryFree: 1000 });
    expect(await deliverTwice(imageDeleted(email, mosaicId, a, 100))).toBe('skipped-duplicate');
  });

  it('opens accounts on the registered plan and follows plan changes; a replay changes nothing', async () => {
    const email = anAccount();
    const events = [userRegistered(email, 'premium'), planChanged(email, 'free', 'premium')];
    expect(await deliverTwice(events[0])).toBe('applied');
    expect(await memoryOf(email)).toMatchObject({ memoryLimit: 5000, maxUploadFileSize: 4000, plan: 'premium' });
    expect(await deliverTwice(events[1])).toBe('applied');
    for (const event of events) expect(await deliverTwice(event)).toBe('skipped-duplicate');
    expect(await memoryOf(email)).toMatchObject({ memoryLimit: 1000, maxPixelCount: 100, plan: 'free' });
  });

  it('releases reservations that saw no outcome once they expire', async () => {
    const email = anAccount();
    await reserve(email, randomUUID(), 400);
    const sweep = app.get(ExpireReservationsSweep);
    await sweep.sweep(new Date());
    expect(await memoryOf(email)).toMatchObject({ memoryReserved: 400 });
    // Other tests' accounts share the database: the sweep releases theirs too.
    expect(await sweep.sweep(new Date(Date.now() + config.RESERVATION_TTL_MS + 1))).toBeGreaterThanOrEqual(1);
    expect(await memoryOf(email)).toMatchObject({ memoryReserved: 0, memoryFree: 1000 });
  });

  it('never lets 30 concurrent reservations on two replicas exceed the limit', async () => {
    const email = anAccount();
    const replicas = [app.get(AccountCommands), replica.get(AccountCommands)];
    const defaultPlan = app.get(AccountPlans).defaultPlan();
    const attempts = Array.from({ length: 30 }, (_, i) =>
      replicas[i % 2].execute({
        type: 'ReserveStorage',
        accountId: email,
        reservationId: randomUUID(),
        bytes: 70,
        ttlMs: config.RESERVATION_TTL_MS,
        defaultPlan,
        now: new Date(),
      }),
    );
    const outcomes = await Promise.allSettled(attempts);
    const granted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(granted).toHaveLength(14); // 14 × 70 = 980 ≤ 1000 < 15 × 70
    for (const r of refused) expect(r.reason).toBeInstanceOf(MemoryLimitExceeded);

    const events = await app.get(MongoEventStore).readStream(email, 0);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const reservedBytes = events
      .filter((e) => e.type === 'quota.StorageReserved')
      .reduce((sum, e) => sum + (e.data as { bytes: number }).bytes, 0);
    expect(reservedBytes).toBe(980);
    expect(await memoryOf(email)).toMatchObject({ memoryReserved: 980, memoryFree: 20, memoryUsed: 0 });
  });

  it('snapshots long accounts and loads the same ledger from the snapshot', async () => {
    const email = anAccount();
    const mosaicId = randomUUID();
    for (let i = 0; i < 30; i++) {
      const id = randomUUID();
      await reserve(email, id, 10);
      await deliverTwice(imageAccepted(email, mosaicId, id, 5));
    }
    const db = app.get<Db>(MONGO_DB);
    const snapshot = await db.collection('account_snapshots').findOne({ _id: email as never });
    expect(snapshot?.version).toBe(50);
    // The other replica never saw this account: it loads snapshot + tail.
    const { state } = await replica.get(AccountCommands).execute({
      type: 'ExpireReservations',
      accountId: email,
      now: new Date(),
    });
    expect(state).toMatchObject({ usedBytes: 150, reservedBytes: 0 });
    expect(state.images).toHaveLength(30);
  });

  it('catches the accounts view up from quota.events after a crash left it behind', async () => {
    const email = anAccount();
    const id = randomUUID();
    await reserve(email, id, 300);
    await deliverTwice(imageAccepted(email, randomUUID(), id, 250));
    const views = app.get<Db>(MONGO_DB).collection('accounts_view');
    await views.deleteMany({ accountId: email });
    const consumer = app.get(AccountsViewConsumer);
    const event = anEnvelope('quota.StorageCommitted', email, 3, {});
    expect(await consumer.onQuotaEvent(event)).toBe('applied');
    expect(await consumer.onQuotaEvent(event)).toBe('skipped-duplicate');
    expect(await memoryOf(email)).toMatchObject({ memoryUsed: 250, memoryReserved: 0, memoryFree: 750 });
  });

  it('publishes the ledger to its topic, keyed by account', async () => {
    const email = anAccount();
    await reserve(email, randomUUID(), 10);
    const messages = await readTopic(testKafka(), topic, (m) => m.filter((x) => x.key === email).length >= 2);
    const types = messages.filter((m) => m.key === email).map((m) => JSON.parse(m.value).type);
    expect(types).toEqual(['quota.AccountOpened', 'quota.StorageReserved']);
  });
});

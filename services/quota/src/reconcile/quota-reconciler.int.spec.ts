import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Test, type TestingModule } from '@nestjs/testing';
import { EventSourcingModule, MONGO_DB } from '@mi/eventstore';
import { PLAN_CATALOG } from '@mi/platform';
import { GcsBlobStore } from '@mi/storage';
import { quietLogger, stackEnv, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { aQuotaConfig, testPlans } from '../../test/quota.fixtures';
import { AccountCommands } from '../account-commands.service';
import { AccountsRepository } from '../accounts-view/accounts.repository';
import { AccountPlans } from '../plans/account-plans';
import { QUOTA_CONFIG } from '../quota.config';
import { QuotaReconciler, type CatalogImages } from './quota-reconciler';

describe('quota reconciliation on FerretDB and the GCS emulator', () => {
  let app: TestingModule;
  const bucket = new GcsBlobStore({
    bucket: uniqueName('reconcile'),
    apiEndpoint: stackEnv.gcsApiEndpoint,
    projectId: 'test',
  });
  const catalog = new Map<string, { imageId: string; bytes: number; storageUri: string }[]>();
  const catalogImages: CatalogImages = async (ownerId) => catalog.get(ownerId) ?? [];

  beforeAll(async () => {
    await bucket.ensureBucket();
    const topic = uniqueName('quota-events');
    app = await Test.createTestingModule({
      imports: [
        EventSourcingModule.forRoot({
          service: 'quota-test',
          mongoUrl: stackEnv.mongoUrl,
          database: uniqueName('quota').replace(/-/g, '_'),
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topic,
          topics: [topic],
          outboxSweepMs: 60000,
          logger: quietLogger,
        }),
      ],
      providers: [
        { provide: QUOTA_CONFIG, useValue: aQuotaConfig() },
        { provide: PLAN_CATALOG, useValue: testPlans },
        AccountPlans,
        AccountsRepository,
        AccountCommands,
      ],
    }).compile();
    await app.init();
  });
  afterAll(async () => {
    await bucket.deletePrefix('images/');
    await app.get<Db>(MONGO_DB).dropDatabase();
    await app.close();
  });

  it('reports drift between ledger, catalog and bucket, corrects it, and then finds none', async () => {
    const accountId = `${randomUUID()}@example.com`;
    const [missed, forgotten] = [randomUUID(), randomUUID()];
    const commands = app.get(AccountCommands);
    const plans = app.get(AccountPlans);
    // The ledger counted an image whose deletion it then missed…
    await commands.execute({
      type: 'CommitStorage',
      accountId,
      imageId: missed,
      reservationId: null,
      bytes: 700,
      defaultPlan: plans.defaultPlan(),
      now: new Date(),
    });
    // …and never heard of an image the catalog accepted, whose original is in the bucket.
    await bucket.write(`images/${forgotten}`, Readable.from([Buffer.alloc(300)]));
    catalog.set(accountId, [{ imageId: forgotten, bytes: 300, storageUri: bucket.uri(`images/${forgotten}`) }]);

    const reconciler = new QuotaReconciler(app.get(AccountsRepository), commands, plans, catalogImages, bucket);
    const report = (await reconciler.run(false)).find((r) => r.accountId === accountId)!;
    expect(report).toEqual({
      accountId,
      corrected: 0,
      drift: [
        { kind: 'counted-but-gone', imageId: missed, bytes: 700 },
        { kind: 'present-but-uncounted', imageId: forgotten, bytes: 300 },
      ],
    });
    expect((await commands.state(accountId)).usedBytes).toBe(700); // a report changes nothing

    const fixed = (await reconciler.run(true)).find((r) => r.accountId === accountId)!;
    expect(fixed.corrected).toBe(2);
    const state = await commands.state(accountId);
    expect(state.usedBytes).toBe(300);
    expect(state.images).toEqual([{ imageId: forgotten, bytes: 300 }]);

    const again = (await reconciler.run(true)).find((r) => r.accountId === accountId)!;
    expect(again).toEqual({ accountId, drift: [], corrected: 0 });
  });
});

import crypto from 'node:crypto';
import path from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { TOPICS } from '@mi/contracts';
import { EventSourcingModule, MONGO_DB, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { PLAN_CATALOG } from '@mi/platform';
import { quietLogger, stackEnv, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { ApiTokensRepository } from './api-tokens.repository';
import { IdentityModule } from './identity.module';
import type { IdentityOptions } from './identity.options';
import { IdentityService } from './identity.service';
import { formatToken, newSecret, parseToken } from './token';
import { UsersRepository } from './users.repository';

const plansFile = path.join(__dirname, '../../../../config/plans.json');

/** Authentication across gateway replicas: two IdentityService instances on one database. */
describe('token authentication on FerretDB, across replicas', () => {
  const topic = `${uniqueName('auth')}.${TOPICS.identityEvents}`;
  let app: TestingModule;
  let identity: IdentityService;
  let db: Db;

  beforeAll(async () => {
    app = await Test.createTestingModule({
      imports: [
        EventSourcingModule.forRoot({
          service: 'gateway',
          mongoUrl: stackEnv.mongoUrl,
          database: uniqueName('auth').replace(/-/g, '_'),
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topic,
          topics: [topic],
          outboxSweepMs: 60_000,
          logger: quietLogger,
        }),
        IdentityModule.forRoot({ plansFile }),
      ],
    }).compile();
    await app.init();
    identity = app.get(IdentityService);
    db = app.get(MONGO_DB);
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await app?.close();
  });

  /** Another gateway replica: same database, its own authentication cache and clock. */
  const replica = (options: Partial<IdentityOptions> = {}) =>
    new IdentityService(
      { plansFile, ...options },
      app.get(PLAN_CATALOG),
      app.get(MongoEventStore),
      app.get(OutboxRelay),
      app.get(UsersRepository),
      app.get(ApiTokensRepository),
    );

  const registered = async () => {
    const email = `${uniqueName('alice')}@example.com`;
    await identity.registerUser(email);
    return { email, token: await identity.issueToken(email) };
  };

  it('makes another replica refuse a revoked token within its revocation check interval, not its cache TTL', async () => {
    const { email, token } = await registered();
    let now = Date.now();
    const other = replica({ authCacheTtlMs: 30_000, revocationCheckMs: 2_000, now: () => now });
    await expect(other.authenticate(token)).resolves.toEqual({ email, plan: 'free' }); // cached there
    await identity.revokeToken(token);
    now += 1_999;
    await expect(other.authenticate(token)).resolves.toEqual({ email, plan: 'free' }); // the bound, not more
    now += 1;
    await expect(other.authenticate(token)).resolves.toBeNull();
  });

  it('re-reads a token it verified before once its cache entry is stale: a plan change shows, no hash is paid', async () => {
    const { email, token } = await registered();
    let now = Date.now();
    const other = replica({ authCacheTtlMs: 30_000, now: () => now });
    await expect(other.authenticate(token)).resolves.toEqual({ email, plan: 'free' });
    await identity.changePlan(email, 'premium');
    now += 30_000;
    const scrypt = jest.spyOn(crypto, 'scrypt');
    await expect(other.authenticate(token)).resolves.toEqual({ email, plan: 'premium' });
    expect(scrypt).not.toHaveBeenCalled();
    scrypt.mockRestore();
  });

  it('pays one scrypt verification for a wrong secret, an unknown token id, another email and a revoked token', async () => {
    const { email, token } = await registered();
    const { tokenId, secret } = parseToken(token)!;
    const other = await registered();
    const revoked = await identity.issueToken(email);
    await identity.revokeToken(revoked);
    const uncached = replica();
    const cases = {
      wrongSecret: formatToken(email, newSecret(tokenId)),
      unknownTokenId: formatToken(email, newSecret('0195f0a0-0000-7000-8000-0000000000ff')),
      otherEmail: formatToken(other.email, secret),
      revoked,
      valid: token,
    };
    const scrypt = jest.spyOn(crypto, 'scrypt');
    for (const [name, presented] of Object.entries(cases)) {
      scrypt.mockClear();
      await uncached.authenticate(presented);
      expect({ name, scryptCalls: scrypt.mock.calls.length }).toEqual({ name, scryptCalls: 1 });
    }
    scrypt.mockRestore();
  });
});

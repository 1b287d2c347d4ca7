import path from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { BadRequest, TOPICS } from '@mi/contracts';
import { EventSourcingModule, MONGO_DB, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { quietLogger, readTopic, stackEnv, testKafka, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { ApiTokensRepository } from './api-tokens.repository';
import { UserAlreadyExists, UserNotFound } from './domain/user.errors';
import { IdentityModule } from './identity.module';
import type { IdentityOptions } from './identity.options';
import { IdentityService, TokenNotFound } from './identity.service';
import { PLAN_CATALOG } from '@mi/platform';
import { formatToken, newSecret, parseToken } from './token';
import { UsersRepository } from './users.repository';

const plansFile = path.join(__dirname, '../../../../config/plans.json');
const anEmail = (name = 'alice') => `${uniqueName(name)}@example.com`;

describe('IdentityService on FerretDB and Kafka', () => {
  const topic = `${uniqueName('identity')}.${TOPICS.identityEvents}`;
  let app: TestingModule;
  let identity: IdentityService;
  let db: Db;

  beforeAll(async () => {
    app = await Test.createTestingModule({
      imports: [
        EventSourcingModule.forRoot({
          service: 'gateway',
          mongoUrl: stackEnv.mongoUrl,
          database: uniqueName('identity').replace(/-/g, '_'),
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topic,
          topics: [topic],
          outboxSweepMs: 500,
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

  /** Another gateway replica: same database, its own command queue and authentication cache. */
  const replica = (options: Partial<IdentityOptions> = {}) =>
    new IdentityService(
      { plansFile, ...options },
      app.get(PLAN_CATALOG),
      app.get(MongoEventStore),
      app.get(OutboxRelay),
      app.get(UsersRepository),
      app.get(ApiTokensRepository),
    );

  const registered = async (plan?: string) => {
    const email = anEmail();
    await identity.registerUser(email, plan);
    return { email, token: await identity.issueToken(email) };
  };

  it('registers a user on the default plan and authenticates the token it issued, sent verbatim', async () => {
    const email = anEmail();
    const profile = await identity.registerUser(`  ${email.toUpperCase()} `);
    expect(profile).toEqual({ email, plan: 'free', registeredAt: expect.any(String) });
    const token = await identity.issueToken(email);
    expect(Buffer.from(token, 'base64').toString('utf8')).toMatch(new RegExp(`^${email}:`));
    await expect(identity.authenticate(token)).resolves.toEqual({ email, plan: 'free' });
  });

  it('answers null for a wrong secret, another email, an unknown token id and garbage', async () => {
    const { email, token } = await registered();
    const { tokenId, secret } = parseToken(token)!;
    const other = await registered();
    const wrongSecret = formatToken(email, newSecret(tokenId));
    const otherEmail = formatToken(other.email, secret);
    const unknownId = formatToken(email, newSecret('0195f0a0-0000-7000-8000-0000000000ff'));
    for (const bad of [wrongSecret, otherEmail, unknownId, 'garbage', '', Buffer.from('a:b').toString('base64')]) {
      await expect(identity.authenticate(bad)).resolves.toBeNull();
    }
    await expect(identity.authenticate(token)).resolves.toEqual({ email, plan: 'free' });
  });

  it('answers null for the token of a user who is gone from the read model', async () => {
    const { email, token } = await registered();
    await db.collection('users_view').deleteOne({ _id: email as never });
    await expect(identity.authenticate(token)).resolves.toBeNull();
  });

  it('stops accepting a revoked token at once in this process, by token or by id', async () => {
    const { email, token } = await registered();
    await expect(identity.authenticate(token)).resolves.toEqual({ email, plan: 'free' }); // now cached
    await identity.revokeToken(token);
    await expect(identity.authenticate(token)).resolves.toBeNull();

    const second = await identity.issueToken(email);
    await identity.revokeToken(parseToken(second)!.tokenId);
    await expect(identity.authenticate(second)).resolves.toBeNull();
    await identity.revokeToken(second); // revoking twice is fine
  });

  it('refuses to revoke a token that does not exist, or something that is not a token', async () => {
    await expect(identity.revokeToken('0195f0a0-0000-7000-8000-0000000000ee')).rejects.toBeInstanceOf(TokenNotFound);
    await expect(identity.revokeToken('nonsense')).rejects.toBeInstanceOf(BadRequest);
  });

  it('refuses a second registration of the same email, in any case', async () => {
    const { email } = await registered();
    await expect(identity.registerUser(email.toUpperCase())).rejects.toBeInstanceOf(UserAlreadyExists);
    await expect(identity.registerUser(email, 'premium')).rejects.toMatchObject({
      code: 'UserAlreadyExists',
      parameters: { email },
    });
  });

  it('lets exactly one of five concurrent registrations of one email succeed in one process', async () => {
    const email = anEmail('race');
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => identity.registerUser(email)));
    await expectOneWinner(results, email);
  });

  it('lets exactly one of five concurrent registrations of one email succeed across five replicas', async () => {
    const email = anEmail('race');
    const replicas = Array.from({ length: 5 }, () => replica());
    const appends = jest.spyOn(app.get(MongoEventStore), 'append');
    const results = await Promise.allSettled(replicas.map((r) => r.registerUser(email)));
    // Replicas did race to the same commit id; the store's unique key turned the losers away.
    expect(appends.mock.calls.length).toBeGreaterThan(1);
    appends.mockRestore();
    await expectOneWinner(results, email);
  });

  async function expectOneWinner(results: PromiseSettledResult<unknown>[], email: string) {
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures).toHaveLength(4);
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(UserAlreadyExists);
    expect((await app.get(MongoEventStore).readStream(email)).map((e) => e.type)).toEqual(['identity.UserRegistered']);
  }

  it('rejects an invalid email and an unknown plan with BadRequest naming the field', async () => {
    await expect(identity.registerUser('not-an-email')).rejects.toMatchObject({ parameters: { field: 'email' } });
    await expect(identity.registerUser(anEmail(), 'gold')).rejects.toMatchObject({ parameters: { field: 'plan' } });
  });

  it('changes a plan: the read model and the next authentication show it at once', async () => {
    const { email, token } = await registered();
    await expect(identity.authenticate(token)).resolves.toEqual({ email, plan: 'free' }); // cached
    await expect(identity.changePlan(email, 'premium')).resolves.toMatchObject({ email, plan: 'premium' });
    expect((await identity.listUsers()).find((u) => u.email === email)).toMatchObject({ plan: 'premium' });
    await expect(identity.authenticate(token)).resolves.toEqual({ email, plan: 'premium' });

    await identity.changePlan(email, 'premium'); // same plan: nothing happens
    expect(await app.get(MongoEventStore).readStream(email)).toHaveLength(2);
  });

  it('refuses to change the plan of, or issue a token for, a user nobody registered', async () => {
    await expect(identity.changePlan(anEmail(), 'premium')).rejects.toBeInstanceOf(UserNotFound);
    await expect(identity.issueToken(anEmail())).rejects.toBeInstanceOf(UserNotFound);
  });

  it('applies an event delivered twice to the read model once', async () => {
    const { email } = await registered();
    const [event] = await app.get(MongoEventStore).readStream(email);
    await expect(app.get(UsersRepository).apply(event)).resolves.toBe('skipped-duplicate');
  });

  it('publishes UserRegistered and PlanChanged to identity.events, keyed by user, with no credential', async () => {
    const { email, token } = await registered();
    await identity.changePlan(email, 'business');
    await app.get(OutboxRelay).publishStream(email);

    const messages = await readTopic(testKafka(), topic, (all) => all.filter((m) => m.key === email).length >= 2);
    const events = messages.filter((m) => m.key === email).map((m) => JSON.parse(m.value));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'identity.UserRegistered',
        schemaVersion: 1,
        streamId: email,
        streamType: 'User',
        version: 1,
        data: { userId: email, email, plan: 'free', registeredAt: expect.any(String) },
      }),
      expect.objectContaining({
        type: 'identity.PlanChanged',
        version: 2,
        data: { userId: email, email, plan: 'business', previousPlan: 'free', changedAt: expect.any(String) },
      }),
    ]);
    const stored = (await db.collection('api_tokens').findOne({ email }))!;
    const raw = messages.map((m) => m.value).join('\n');
    for (const secretish of [token, parseToken(token)!.secret, stored.hash, stored.salt]) {
      expect(raw).not.toContain(secretish);
    }
  });

  it('stores a salted scrypt hash of the token, never the token or its secret', async () => {
    const { email, token } = await registered();
    const { tokenId, secret } = parseToken(token)!;
    const stored = await db.collection('api_tokens').findOne({ _id: tokenId as never });
    expect(stored).toEqual({
      _id: tokenId,
      email,
      salt: expect.any(String),
      hash: expect.any(String),
      cost: { N: 16384, r: 8, p: 1 },
      createdAt: expect.any(Date),
      revokedAt: null,
    });
    const document = JSON.stringify(stored);
    expect(document).not.toContain(secret.split('.')[1]);
    expect(document).not.toContain(token);
  });
});

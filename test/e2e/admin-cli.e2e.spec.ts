import { spawn } from 'node:child_process';
import path from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { TOPICS } from '@mi/contracts';
import { EventSourcingModule, MONGO_DB, MongoEventStore } from '@mi/eventstore';
import { quietLogger, readTopic, stackEnv, testKafka, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { IdentityModule } from '../../services/gateway/src/identity/identity.module';
import { IdentityService } from '../../services/gateway/src/identity/identity.service';

// The built CLI (`npm run build` first), run as an operator's script would: exit codes, stdout
// carrying only the answer, one error line on stderr. A gateway-side IdentityService on the same
// database checks that what the CLI did is what the gateway sees.

const cliPath = path.join(__dirname, '../../dist/services/gateway/src/admin/admin.cli.js');
const plansFile = path.join(__dirname, '../../config/plans.json');

describe('admin CLI', () => {
  const namespace = uniqueName('e2e-admin');
  const database = namespace.replace(/-/g, '_');
  const topic = `${namespace}.${TOPICS.identityEvents}`;
  // Only what the CLI documents as required, plus isolation: no CATALOG_URL, no API_TOKEN.
  const env = {
    PATH: process.env.PATH ?? '',
    KAFKA_BROKERS: stackEnv.kafkaBrokers.join(','),
    MONGO_URL: stackEnv.mongoUrl,
    MONGO_DATABASE: database,
    KAFKA_TOPIC_PREFIX: `${namespace}.`,
  };
  let gateway: TestingModule;
  let identity: IdentityService;

  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    gateway = await Test.createTestingModule({
      imports: [
        EventSourcingModule.forRoot({
          service: 'gateway',
          mongoUrl: stackEnv.mongoUrl,
          database,
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topic,
          topics: [topic],
          // Its sweep runs once at start and then not within the test: whatever reaches Kafka,
          // the CLI published itself before exiting.
          outboxSweepMs: 3_600_000,
          logger: quietLogger,
        }),
        // No cache: a revocation by the CLI must show on the very next authentication.
        IdentityModule.forRoot({ plansFile, authCacheTtlMs: 0 }),
      ],
    }).compile();
    await gateway.init();
    identity = gateway.get(IdentityService);
  });

  afterAll(async () => {
    await gateway
      ?.get<Db>(MONGO_DB)
      .dropDatabase()
      .catch(() => undefined);
    await gateway?.close();
  });

  it('creates a user and prints exactly {"email","token"} on one line; the gateway accepts the token', async () => {
    const result = await cli('user', 'create', '--email', 'Alice@Example.com', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const answer = JSON.parse(result.stdout);
    expect(Object.keys(answer)).toEqual(['email', 'token']);
    expect(answer.email).toBe('alice@example.com');
    await expect(identity.authenticate(answer.token)).resolves.toEqual({ email: 'alice@example.com', plan: 'free' });
  });

  it('refuses a second user with the same email: one error line, exit 1, nothing on stdout', async () => {
    await cli('user', 'create', '--email', 'bob@example.com');
    const again = await cli('user', 'create', '--email', 'BOB@example.com', '--json');
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'error: user bob@example.com already exists\n' });
  });

  it('names an unknown plan and an invalid email', async () => {
    const plan = await cli('user', 'create', '--email', 'carol@example.com', '--plan', 'gold');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^error: plan: unknown plan "gold" \(known: free, premium, business\)\n$/);
    const email = await cli('user', 'create', '--email', 'carol');
    expect(email).toMatchObject({ code: 1, stderr: 'error: email: must be an email address\n' });
  });

  it('prints the usage and exits 2 on bad usage', async () => {
    for (const args of [[], ['user'], ['user', 'create'], ['token', 'revoke', '--token', 'x', '--force']]) {
      const result = await cli(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('usage: admin.cli.js <command>');
    }
  });

  it('changes a plan, lists users as JSON, and publishes both events with the CLI as actor', async () => {
    await cli('user', 'create', '--email', 'dave@example.com', '--plan', 'premium');
    expect(await cli('plan', 'set', '--email', 'dave@example.com', '--plan', 'business')).toMatchObject({
      code: 0,
      stdout: 'user dave@example.com is on plan business\n',
    });
    const list = await cli('user', 'list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual({
      email: 'dave@example.com',
      plan: 'business',
      registeredAt: expect.any(String),
    });

    // Published before the CLI exited: nothing else sweeps this database's outbox meanwhile.
    const commits = await gateway.get(MongoEventStore).readCommits('dave@example.com');
    expect(commits.map((c) => c.published)).toEqual([true, true]);
    const messages = await readTopic(
      testKafka(),
      topic,
      (m) => m.filter((x) => x.key === 'dave@example.com').length >= 2,
    );
    const events = messages.filter((m) => m.key === 'dave@example.com').map((m) => JSON.parse(m.value));
    expect(events.map((e) => [e.type, e.actor, e.data.plan])).toEqual([
      ['identity.UserRegistered', 'admin-cli', 'premium'],
      ['identity.PlanChanged', 'admin-cli', 'business'],
    ]);
  });

  it('issues another token and revokes it by token; the gateway then refuses it', async () => {
    await cli('user', 'create', '--email', 'erin@example.com');
    const issued = await cli('token', 'create', '--email', 'erin@example.com', '--json');
    const { token } = JSON.parse(issued.stdout);
    await expect(identity.authenticate(token)).resolves.toMatchObject({ email: 'erin@example.com' });
    expect(await cli('token', 'revoke', '--token', token)).toMatchObject({ code: 0, stdout: 'token revoked\n' });
    await expect(identity.authenticate(token)).resolves.toBeNull();
  });

  it('refuses a token for a user nobody registered', async () => {
    expect(await cli('token', 'create', '--email', 'nobody@example.com')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: user nobody@example.com not found\n',
    });
  });
});

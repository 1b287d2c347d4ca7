import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ensureUser,
  freePort,
  platformServices,
  PortTaken,
  repoRoot,
  startService,
  stopService,
  waitReady,
  type RunningService,
  type ServiceSpec,
} from '../../deploy/local/service-processes';
import { stackEnv, uniqueName } from './stack';

/** The users every test platform has: two, so tests can show neither sees the other's data. */
export const testUsers = { alice: 'alice@example.com', bob: 'bob@example.com' } as const;

/**
 * The whole platform as separate processes on the shared stack, isolated by a namespace (its
 * own topics, consumer groups and databases) and free ports, so e2e files run in parallel.
 */
export async function startPlatform(name: string, overrides: Record<string, Record<string, string>> = {}) {
  // Ports are picked free but bound only later: a parallel test file's service may take one first.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPlatformOnce(name, overrides);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt >= 3) throw error;
    }
  }
}

async function startPlatformOnce(name: string, overrides: Record<string, Record<string, string>>) {
  const namespace = uniqueName(name);
  const serviceTokenSecret = randomBytes(32).toString('base64url');
  // Each service has a public port and a metrics port; freePort may pick one twice.
  const picked = new Set<number>();
  while (picked.size < 10) picked.add(await freePort());
  const [p, m] = [[...picked].slice(0, 5), [...picked].slice(5)];
  const ports = { gateway: p[0], catalog: p[1], ingest: p[2], quota: p[3], previews: p[4] };
  const metricsPorts = { gateway: m[0], catalog: m[1], ingest: m[2], quota: m[3], previews: m[4] };
  const baseSpecs = platformServices({
    stack: {
      kafkaBrokers: stackEnv.kafkaBrokers.join(','),
      mongoUrl: stackEnv.mongoUrl,
      gcsApiEndpoint: stackEnv.gcsApiEndpoint,
    },
    namespace,
    ports,
    metricsPorts,
    logLevel: process.env.TEST_SERVICE_LOG_LEVEL ?? 'info',
    serviceTokenSecret,
  });
  const specs = baseSpecs.map((s) => ({ ...s, env: { ...s.env, ...overrides[s.name] } }));
  const logDir = path.join(repoRoot(), 'test-output', 'logs', namespace);
  mkdirSync(logDir, { recursive: true });
  const running = new Map<string, RunningService>();

  const spec = (service: string): ServiceSpec => specs.find((s) => s.name === service)!;
  const start = async (service: string, env: Record<string, string> = {}, ready = true) => {
    const base = spec(service);
    const started = startService({ ...base, env: { ...base.env, ...env } }, path.join(logDir, `${service}.log`));
    running.set(service, started);
    if (ready) await waitReady(started);
    return started;
  };

  try {
    for (const s of specs) await start(s.name);
  } catch (error) {
    for (const started of [...running.values()].reverse()) await stopService(started);
    throw error;
  }
  const gateway = spec('gateway');
  const [alice, bob] = await Promise.all([ensureUser(gateway, testUsers.alice), ensureUser(gateway, testUsers.bob)]);

  return {
    namespace,
    tokens: { alice, bob },
    serviceTokenSecret,
    logDir,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    catalogDatabase: spec('catalog').env.MONGO_DATABASE,
    topic: (base: string) => `${namespace}.${base}`,
    start,
    service: (service: string) => running.get(service)!,
    /** kill -9: no shutdown hook runs, nothing is flushed. */
    async kill(service: string) {
      const victim = running.get(service)!;
      const exited = new Promise((resolve) => victim.process.once('exit', resolve));
      victim.process.kill('SIGKILL');
      await exited;
    },
    async stop() {
      for (const s of [...running.values()].reverse()) await stopService(s);
    },
  };
}

export type Platform = Awaited<ReturnType<typeof startPlatformOnce>>;

/** A client as Mapflow's scripts are: Basic auth with the token verbatim. */
export function api(platform: Platform, token = platform.tokens.alice) {
  return async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${platform.gatewayUrl}/rest${route}`, {
      method,
      headers: {
        authorization: `Basic ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json, text, headers: response.headers };
  };
}

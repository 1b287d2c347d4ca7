import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** How to run one service as its own process on this machine. */
export interface ServiceSpec {
  name: string;
  port: number;
  env: Record<string, string>;
}

export interface StackAddresses {
  kafkaBrokers: string;
  mongoUrl: string;
  gcsApiEndpoint: string;
}

export interface PlatformPorts {
  gateway: number;
  catalog: number;
  ingest: number;
  quota: number;
  previews: number;
}

export const DEFAULT_PORTS: PlatformPorts = { gateway: 3100, catalog: 3101, ingest: 3102, quota: 3103, previews: 3104 };

export interface PlatformOptions {
  stack: StackAddresses;
  /** Isolates a platform instance (topics, groups, databases) on a shared stack; '' for none. */
  namespace?: string;
  ports?: PlatformPorts;
  /** Each service's Prometheus port (METRICS_PORT); its port + 1000 unless told (3101 → 4101). */
  metricsPorts?: PlatformPorts;
  logLevel?: string;
  /** Signs and verifies the internal calls; one per platform instance (run-platform keeps one in .stack/). */
  serviceTokenSecret: string;
}

/** The checkout this file belongs to, whether it runs from source (tests) or from dist/. */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'deploy/local/stack.sh'))) return dir;
  }
  throw new Error(`no checkout above ${__dirname}`);
}

const distRoot = path.join(repoRoot(), 'dist');

/** The services of the platform, in start order (a service starts after those it calls). */
export function platformServices(options: PlatformOptions): ServiceSpec[] {
  const ns = options.namespace ?? '';
  const ports = options.ports ?? DEFAULT_PORTS;
  const metricsPorts = options.metricsPorts;
  const metricsPort = (service: keyof PlatformPorts) => String(metricsPorts?.[service] ?? ports[service] + 1000);
  const common = {
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'info',
    SERVICE_TOKEN_SECRET: options.serviceTokenSecret,
    KAFKA_BROKERS: options.stack.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: ns ? `${ns}.` : '',
  };
  return [
    {
      name: 'catalog',
      port: ports.catalog,
      env: {
        ...common,
        PORT: String(ports.catalog),
        METRICS_PORT: metricsPort('catalog'),
        MONGO_URL: options.stack.mongoUrl,
        MONGO_DATABASE: db(ns, 'catalog'),
        // Image objects carry absolute preview URLs: they must name the gateway clients reach.
        PUBLIC_BASE_URL: `http://127.0.0.1:${ports.gateway}`,
      },
    },
    {
      name: 'ingest',
      port: ports.ingest,
      env: {
        ...common,
        PORT: String(ports.ingest),
        METRICS_PORT: metricsPort('ingest'),
        MONGO_URL: options.stack.mongoUrl,
        MONGO_DATABASE: db(ns, 'ingest'),
        GCS_API_ENDPOINT: options.stack.gcsApiEndpoint,
        GCS_BUCKET: bucketOf(ns),
      },
    },
    {
      name: 'quota',
      port: ports.quota,
      env: {
        ...common,
        PORT: String(ports.quota),
        METRICS_PORT: metricsPort('quota'),
        MONGO_URL: options.stack.mongoUrl,
        MONGO_DATABASE: db(ns, 'quota'),
      },
    },
    {
      name: 'previews',
      port: ports.previews,
      env: {
        ...common,
        PORT: String(ports.previews),
        METRICS_PORT: metricsPort('previews'),
        MONGO_URL: options.stack.mongoUrl,
        MONGO_DATABASE: db(ns, 'previews'),
        GCS_API_ENDPOINT: options.stack.gcsApiEndpoint,
        GCS_BUCKET: previewsBucketOf(ns),
      },
    },
    {
      name: 'gateway',
      port: ports.gateway,
      env: {
        ...common,
        PORT: String(ports.gateway),
        METRICS_PORT: metricsPort('gateway'),
        MONGO_URL: options.stack.mongoUrl,
        MONGO_DATABASE: db(ns, 'gateway'),
        CATALOG_URL: `http://127.0.0.1:${ports.catalog}`,
        INGEST_URL: `http://127.0.0.1:${ports.ingest}`,
        QUOTA_URL: `http://127.0.0.1:${ports.quota}`,
        PUBLIC_BASE_URL: `http://127.0.0.1:${ports.gateway}`,
        PREVIEWS_URL: `http://127.0.0.1:${ports.previews}`,
      },
    },
  ];
}

/** The bucket of originals: one per platform instance, so parallel test platforms never share one. */
export function bucketOf(namespace: string): string {
  return namespace ? `mi-${namespace.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63) : 'my-imagery-images';
}

/** The bucket of preview renditions, per platform instance like the originals'. */
export function previewsBucketOf(namespace: string): string {
  return namespace ? `${bucketOf(namespace).slice(0, 55)}-previews` : 'my-imagery-previews';
}

function db(namespace: string, service: string): string {
  return namespace ? `${namespace.replace(/[^a-zA-Z0-9_]/g, '_')}_${service}` : service;
}

/** A port the OS says is free right now, on loopback. */
export async function freePort(): Promise<number> {
  // Below Linux's ephemeral range (32768–60999): an outgoing connection's local port is taken from
  // that range, and could take a port picked there before its service binds it.
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Another process holds a service's port: its own start failed (EADDRINUSE), or will. */
export class PortTaken extends Error {}

export interface RunningService {
  spec: ServiceSpec;
  process: ChildProcess;
  url: string;
  /** Prometheus' `/metrics`, on its own port (never the public one). */
  metricsUrl: string;
  /** The process said it could not bind a port (its fatal line names EADDRINUSE). */
  portTaken(): boolean;
}

/** Starts the built service (`npm run build` first) with its logs appended to `logFile`. */
export function startService(spec: ServiceSpec, logFile: string): RunningService {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [path.join(distRoot, 'services', spec.name, 'src', 'main.js')], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let portTaken = false;
  child.stderr!.on('data', (chunk: Buffer) => {
    if (chunk.includes('EADDRINUSE')) portTaken = true;
  });
  const metricsPort = spec.env.METRICS_PORT ?? String(spec.port + 1000);
  return {
    spec,
    process: child,
    url: `http://127.0.0.1:${spec.port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    portTaken: () => portTaken,
  };
}

/** Waits until the service answers ready (all its dependencies up), or fails after `timeoutMs`. */
export async function waitReady(service: RunningService, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      const failure = `${service.spec.name} exited with code ${service.process.exitCode}`;
      throw service.portTaken() ? new PortTaken(`${failure}: a port was taken`) : new Error(failure);
    }
    try {
      const response = await fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(3000) });
      const answer = await response.text();
      if (response.ok && (await ownProcessAnswers(service))) return;
      last = response.ok ? 'ready, but its metrics port does not answer yet' : `${response.status} ${answer}`;
    } catch (error) {
      if (error instanceof PortTaken) throw error;
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.spec.name} not ready after ${timeoutMs} ms: ${last}`);
}

/**
 * Whether what answered is our child, not a process of another platform that took the port
 * first (ours then fails to bind, a little later). A service binds its metrics port only once
 * it holds its public one, and answers its pid there, on the internal port only: our pid on the
 * metrics port means both ports are ours. Nothing there yet: not known yet (false).
 */
async function ownProcessAnswers(service: RunningService): Promise<boolean> {
  let pid: number | undefined;
  try {
    const response = await fetch(`${service.metricsUrl}/process`, { signal: AbortSignal.timeout(3000) });
    pid = ((await response.json()) as { pid?: number }).pid;
  } catch {
    return false;
  }
  if (pid !== service.process.pid) {
    throw new PortTaken(`${service.spec.name}: ${service.metricsUrl} answers for pid ${pid}, not ours`);
  }
  return true;
}

/** SIGTERM (graceful: consumers commit, the relay drains), SIGKILL after a grace period. */
export async function stopService(service: RunningService, graceMs = 10000): Promise<void> {
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs the gateway's admin CLI against the gateway's own settings. */
export function admin(gateway: ServiceSpec, args: string[]) {
  const cli = path.join(distRoot, 'services/gateway/src/admin/admin.cli.js');
  return promisify(execFile)(process.execPath, [cli, ...args], {
    cwd: repoRoot(),
    env: { ...process.env, ...gateway.env, LOG_LEVEL: 'error' },
  });
}

/**
 * Registers a user (or, if it exists, issues it a new token) with the gateway's admin CLI,
 * against the gateway's own settings; returns the API token.
 */
export async function ensureUser(gateway: ServiceSpec, email: string, plan?: string): Promise<string> {
  const run = (args: string[]) => admin(gateway, [...args, '--json']);
  try {
    const { stdout } = await run(['user', 'create', '--email', email, ...(plan ? ['--plan', plan] : [])]);
    return (JSON.parse(stdout) as { token: string }).token;
  } catch (error) {
    if (!/already exists/.test(String((error as { stderr?: string }).stderr))) throw error;
    const { stdout } = await run(['token', 'create', '--email', email]);
    return (JSON.parse(stdout) as { token: string }).token;
  }
}

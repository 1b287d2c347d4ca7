import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ensureUser,
  platformServices,
  repoRoot,
  startService,
  stopService,
  waitReady,
  type RunningService,
  type ServiceSpec,
  type StackAddresses,
} from './service-processes';

// `npm start`: the stack, then every service as its own process; Ctrl-C stops all of it.
const repo = repoRoot();
const stackScript = path.join(repo, 'deploy/local/stack.sh');
const stackDir = process.env.MI_STACK_DIR ?? path.join(repo, '.stack');
const logDir = path.join(stackDir, 'logs');

function stackAddresses(): StackAddresses {
  const env = Object.fromEntries(
    execFileSync(stackScript, ['env'])
      .toString()
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { kafkaBrokers: env.KAFKA_BROKERS, mongoUrl: env.MONGO_URL, gcsApiEndpoint: env.GCS_API_ENDPOINT };
}

/** The demo user's token, made on first run and kept, so scripts keep working across restarts. */
async function demoToken(gateway: ServiceSpec): Promise<string> {
  const file = path.join(stackDir, 'demo-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = await ensureUser(gateway, 'demo@example.com');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * The secret the services sign their internal calls with: made once and kept (mode 600), so an
 * operator tool such as `npm run reconcile-quota` can use it too (`SERVICE_TOKEN_SECRET`).
 */
function serviceTokenSecret(): string {
  const file = path.join(stackDir, 'service-token-secret');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  const started = Date.now();
  // A stack someone else started (another terminal, a test run) is left running on exit.
  const stackWasRunning = (() => {
    try {
      execFileSync(stackScript, ['status'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  execFileSync(stackScript, ['up'], { stdio: 'inherit' });
  mkdirSync(logDir, { recursive: true });
  const running: RunningService[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping services…');
    for (const service of [...running].reverse()) await stopService(service);
    if (!stackWasRunning) execFileSync(stackScript, ['down'], { stdio: 'inherit' });
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const specs = platformServices({ stack: stackAddresses(), serviceTokenSecret: serviceTokenSecret() });
  for (const spec of specs) {
    const service = startService(spec, path.join(logDir, `${spec.name}.log`));
    running.push(service);
    service.process.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`${spec.name} exited (${signal ?? code}); see ${path.join(logDir, `${spec.name}.log`)}`);
      void shutdown(1);
    });
    await waitReady(service);
    console.log(`${spec.name.padEnd(8)} ready on ${service.url}`);
  }

  const gateway = running.find((s) => s.spec.name === 'gateway')!;
  const token = await demoToken(gateway.spec);
  console.log(`
My Imagery is up in ${((Date.now() - started) / 1000).toFixed(1)} s.
  Web:    ${gateway.url}/   (sign in with the token below)
  API:    ${gateway.url}/rest
  Token:  ${token}   (demo@example.com)
  Try:    curl -H "Authorization: Basic ${token}" ${gateway.url}/rest/rasters/mosaic
  Logs:   ${logDir}/<service>.log
Press Ctrl-C to stop everything.`);
}

main().catch((error) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});

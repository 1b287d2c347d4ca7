import { ensureUser } from '../../deploy/local/service-processes';
import type { OwnStack } from './fault-stack';
import { startPlatform, type Platform } from './platform';

export const SERVICES = ['catalog', 'ingest', 'quota', 'previews', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The platform's own recovery mechanisms, set to act within a test's patience (production keeps
 * its defaults; only the timing differs, never the code path):
 * - ingest ends an upload a crash cut off after STALE_UPLOAD_MS (its sweep runs every
 *   max(10 s, STALE_UPLOAD_MS / 3)); uploads here take well under a second, so 8 s never ends
 *   a live one;
 * - quota releases a reservation nothing settled (a gateway killed before the hand-over);
 * - previews re-claims a render whose replica died when its lease runs out;
 * - the gateway answers VALIDATING sooner while the catalog cannot decide (Kafka down);
 * - the checks poll the gateway hard: its per-token rate limit would otherwise answer 429.
 */
export const FAULT_TUNING: Record<ServiceName, Record<string, string>> = {
  ingest: { STALE_UPLOAD_MS: '8000' },
  quota: { RESERVATION_TTL_MS: '20000', RESERVATION_SWEEP_MS: '2000' },
  previews: { RENDER_LEASE_MS: '8000', RENDER_TIMEOUT_MS: '6000', RENDER_RETRY_MS: '500' },
  gateway: { UPLOAD_WAIT_MS: '10000', RATE_LIMIT_PER_MINUTE: '1000000' },
  catalog: {},
};

/** A test platform tuned for faults, on the shared stack or on a stack of its own. */
export function startFaultPlatform(name: string, stack?: OwnStack): Promise<Platform> {
  const onStack = stack?.serviceOverrides() ?? {};
  const overrides = Object.fromEntries(SERVICES.map((s) => [s, { ...FAULT_TUNING[s], ...onStack[s] }]));
  return startPlatform(name, overrides);
}

/** A user of its own per fault, so each fault's invariants are judged on its own data. */
export async function faultUser(platform: Platform, email: string) {
  const token = await ensureUser(platform.service('gateway').spec, email);
  return { email, token };
}
export type FaultUser = Awaited<ReturnType<typeof faultUser>>;

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2500) })).ok;
  } catch {
    return false;
  }
}

/**
 * Invariant (e): how long, from `since`, until every service answers `/health/ready` 200, or
 * null if some service is still not ready after `timeoutMs`. Also names what is not ready.
 */
export async function timeUntilAllReady(platform: Platform, since: number, timeoutMs = 60_000) {
  const deadline = since + timeoutMs;
  for (;;) {
    const answers = await Promise.all(SERVICES.map(async (s) => [s, await ready(platform.service(s).url)] as const));
    // A process that died says so: "not ready" alone would hide a crash behind a timeout.
    const why = (s: ServiceName) => {
      const { exitCode, signalCode } = platform.service(s).process;
      return exitCode !== null || signalCode !== null ? `${s} (exited: ${exitCode ?? signalCode})` : s;
    };
    const notReady = answers.filter(([, ok]) => !ok).map(([s]) => why(s));
    if (notReady.length === 0) return { ms: Date.now() - since, notReady };
    if (Date.now() > deadline) return { ms: null, notReady };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** kill -9, then start it again without waiting (the recovery is measured by the caller). */
export async function killAndRestart(platform: Platform, service: ServiceName): Promise<number> {
  await platform.kill(service);
  const restartedAt = Date.now();
  await platform.start(service, {}, false);
  return restartedAt;
}

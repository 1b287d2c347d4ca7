import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, repoRoot, type StackAddresses } from '../../deploy/local/service-processes';

/** The parts of the stack, named as stack.sh names their pid files. */
export type StackPart = 'kafka' | 'ferretdb' | 'fake-gcs-server';

const run = promisify(execFile);
const script = () => path.join(repoRoot(), 'deploy/local/stack.sh');

/**
 * A stack instance of its own (its folder, its ports), for faults that restart infrastructure:
 * stopping this Kafka, FerretDB or GCS emulator never touches the shared stack the other test
 * files run on. It reuses the main stack's provisioned binaries and Kafka jars through symlinks,
 * so it costs a start (Kafka's ~10-20 s), never a build or a download.
 */
export async function startOwnStack(): Promise<OwnStack> {
  for (let attempt = 1; ; attempt++) {
    const stack = new OwnStack(await pickPorts());
    try {
      await stack.up();
      return stack;
    } catch (error) {
      await stack.down();
      // A parallel test file's service may bind a port we picked before Kafka or FerretDB did.
      if (!/is taken|exited while starting|not healthy/.test(String(error)) || attempt >= 3) throw error;
    }
  }
}

interface Ports {
  kafka: number;
  mongo: number;
  gcs: number;
}

/** Below the ephemeral range like test/support's ports; Kafka's controller takes kafka + 1. */
async function pickPorts(): Promise<Ports> {
  for (;;) {
    const kafka = await freePort();
    if (!(await bindable(kafka + 1))) continue;
    const [mongo, gcs] = [await freePort(), await freePort()];
    if (new Set([kafka, kafka + 1, mongo, gcs]).size === 4) return { kafka, mongo, gcs };
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export class OwnStack {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'mi-fault-stack-'));
  readonly addresses: StackAddresses;

  constructor(readonly ports: Ports) {
    this.addresses = {
      kafkaBrokers: `127.0.0.1:${ports.kafka}`,
      mongoUrl: `mongodb://127.0.0.1:${ports.mongo}`,
      gcsApiEndpoint: `http://127.0.0.1:${ports.gcs}`,
    };
    const main = process.env.MI_STACK_DIR ?? path.join(repoRoot(), '.stack');
    if (!existsSync(path.join(main, 'bin', 'ferretdb')))
      throw new Error(`the main stack in ${main} is not provisioned`);
    symlinkSync(path.join(main, 'bin'), path.join(this.dir, 'bin'));
    mkdirSync(path.join(this.dir, 'kafka'));
    symlinkSync(path.join(main, 'kafka', 'libs'), path.join(this.dir, 'kafka', 'libs'));
  }

  private env() {
    const { kafka, mongo, gcs } = this.ports;
    return {
      ...process.env,
      MI_STACK_DIR: this.dir,
      MI_KAFKA_PORT: `${kafka}`,
      MI_MONGO_PORT: `${mongo}`,
      MI_GCS_PORT: `${gcs}`,
    };
  }

  /** Starts whatever part is not running (all of them the first time) and waits until healthy. */
  async up(): Promise<void> {
    try {
      await run(script(), ['up'], { env: this.env(), timeout: 180_000 });
    } catch (error) {
      // down() removes the folder, so the failing part's log travels with the error.
      const failedLog = /see (\S+\.log)/.exec(String((error as { stderr?: string }).stderr))?.[1];
      const tail = failedLog && existsSync(failedLog) ? readFileSync(failedLog, 'utf8').slice(-2000) : '';
      throw new Error(`own stack did not start: ${(error as { stderr?: string }).stderr ?? error}\n${tail}`, {
        cause: error,
      });
    }
  }

  /** Stops every part and removes the folder (data, logs), leaving the shared binaries alone. */
  async down(): Promise<void> {
    await run(script(), ['down'], { env: this.env(), timeout: 60_000 }).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Stops one part as an operator would (SIGTERM; SIGKILL if it has not exited after 15 s). */
  async stop(part: StackPart): Promise<void> {
    const pidFile = path.join(this.dir, 'run', `${part}.pid`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (running(pid)) {
      if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A zombie still passes stack.sh's `kill -0`: without its pid file, `up` starts it afresh.
    rmSync(pidFile, { force: true });
  }

  /** The settings that put a test platform's services on this stack instead of the shared one. */
  serviceOverrides(): Record<string, Record<string, string>> {
    const { kafkaBrokers, mongoUrl, gcsApiEndpoint } = this.addresses;
    const base = { KAFKA_BROKERS: kafkaBrokers, MONGO_URL: mongoUrl };
    const withGcs = { ...base, GCS_API_ENDPOINT: gcsApiEndpoint };
    return { gateway: base, catalog: base, quota: base, ingest: withGcs, previews: withGcs };
  }

  logFile(part: StackPart): string {
    return path.join(this.dir, 'logs', part === 'kafka' ? 'kafka/server.log' : `${part}.log`);
  }
}

/** Alive and not a zombie: the parts are daemons of stack.sh, reaped by whoever adopted them. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

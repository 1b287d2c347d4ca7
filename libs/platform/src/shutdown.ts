import type { Logger } from 'pino';

export interface Closable {
  close(): Promise<unknown>;
}

export interface ShutdownOptions {
  logger: Logger;
  /** SHUTDOWN_TIMEOUT_MS: below Kubernetes' terminationGracePeriodSeconds (30 s by default). */
  timeoutMs: number;
  exit?: (code: number) => void;
  signals?: Pick<NodeJS.EventEmitter, 'once'>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * On SIGTERM or SIGINT, closes the app (consumers commit, the outbox relay drains, HTTP stops)
 * and exits 0; exits 1 with a log line if that fails or outlasts `timeoutMs`. Nest's own
 * shutdown hooks wait for ever: a Kafka consumer disconnecting from a broker that is down never
 * returns, and the pod would hang until SIGKILL without saying why.
 */
export function closeOnSignals(app: Closable, options: ShutdownOptions): void {
  const { logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, timeoutMs }, 'shutting down');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    Promise.race([app.close().then(() => 'closed' as const), deadline]).then(
      (outcome) => {
        clearTimeout(timer);
        if (outcome === 'closed') return exit(0);
        logger.error({ signal, timeoutMs }, 'shutdown did not finish in time, exiting');
        exit(1);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ signal, err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of SIGNALS) signals.once(signal, onSignal);
}

import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { closeOnSignals } from './shutdown';

/** A process stand-in: signals are emitted by the test, exits recorded. */
function aProcess() {
  const signals = new EventEmitter();
  let resolveExit: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const logger = { info: jest.fn(), error: jest.fn() };
  return {
    signals,
    exited,
    exit: (code: number) => resolveExit(code),
    logger: logger as unknown as Logger,
    lines: logger,
  };
}

describe('closeOnSignals', () => {
  it('exits 1 with a log line when closing never finishes (Kafka down), at the deadline', async () => {
    const p = aProcess();
    const never = { close: () => new Promise<void>(() => undefined) };
    closeOnSignals(never, { logger: p.logger, timeoutMs: 50, exit: p.exit, signals: p.signals });
    const started = Date.now();
    p.signals.emit('SIGTERM', 'SIGTERM');

    expect(await p.exited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(p.lines.error).toHaveBeenCalledWith(
      expect.objectContaining({ signal: 'SIGTERM', timeoutMs: 50 }),
      'shutdown did not finish in time, exiting',
    );
  });

  it('exits 0 once closed within the deadline', async () => {
    const p = aProcess();
    const close = jest.fn(async () => undefined);
    closeOnSignals({ close }, { logger: p.logger, timeoutMs: 1000, exit: p.exit, signals: p.signals });
    p.signals.emit('SIGINT', 'SIGINT');

    expect(await p.exited).toBe(0);
    expect(close).toHaveBeenCalledTimes(1);
    expect(p.lines.error).not.toHaveBeenCalled();
  });

  it('exits 1 with a log line when closing fails', async () => {
    const p = aProcess();
    const failing = { close: async () => Promise.reject(new Error('broker gone')) };
    closeOnSignals(failing, { logger: p.logger, timeoutMs: 1000, exit: p.exit, signals: p.signals });
    p.signals.emit('SIGTERM', 'SIGTERM');

    expect(await p.exited).toBe(1);
    expect(p.lines.error).toHaveBeenCalledWith(expect.objectContaining({ signal: 'SIGTERM' }), 'shutdown failed');
  });

  it('closes once when signalled twice', async () => {
    const p = aProcess();
    const close = jest.fn(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
    closeOnSignals({ close }, { logger: p.logger, timeoutMs: 1000, exit: p.exit, signals: p.signals });
    p.signals.emit('SIGTERM', 'SIGTERM');
    p.signals.emit('SIGINT', 'SIGINT');

    expect(await p.exited).toBe(0);
    expect(close).toHaveBeenCalledTimes(1);
  });
});

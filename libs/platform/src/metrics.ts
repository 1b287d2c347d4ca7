import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * Get-or-create on the process registry: libraries declare the metrics they own, and a process
 * that builds two consumers (or a test that builds many) does not register a name twice.
 */
export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L>) ?? new Counter({ name, help, labelNames });
}

export function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets?: number[],
): Histogram<L> {
  return (
    (register.getSingleMetric(name) as Histogram<L>) ??
    new Histogram({ name, help, labelNames, ...(buckets ? { buckets } : {}) })
  );
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return (register.getSingleMetric(name) as Gauge<L>) ?? new Gauge({ name, help, labelNames });
}

export { register as metricsRegistry };

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../deploy/local/service-processes';

export interface BenchRow {
  name: string;
  samples: number;
  unit: string;
  p50: number;
  p95: number;
  max: number;
  throughputPerSec?: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(name: string, samplesMs: number[], wallMs?: number): BenchRow {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name,
    samples: sorted.length,
    unit: 'ms',
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? NaN),
    ...(wallMs ? { throughputPerSec: round((sorted.length / wallMs) * 1000) } : {}),
  };
}

/** Prints the table and writes bench-results/<suite>.json for comparison across runs. */
export function report(suite: string, rows: BenchRow[], context: Record<string, unknown>): void {
  console.log(`\n${suite}`);
  console.table(rows);
  const dir = path.join(repoRoot(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suite}.json`);
  writeFileSync(file, JSON.stringify({ suite, at: new Date().toISOString(), context, rows }, null, 2));
  console.log(`written ${path.relative(repoRoot(), file)}`);
}

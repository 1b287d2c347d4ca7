import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProbeCase } from './probe-case';
import { errorCodeOf, violationsOf, type CheckContext, type Violation } from './probe-checks';
import { rawRequest } from './raw-http';

export interface ProbeResult {
  category: ProbeCase['category'];
  name: string;
  request: string;
  status: number;
  /** The envelope's error code, for answers that carry one. */
  code?: string;
  sameAnswerAs?: string;
  /** Of the request as the case wrote it (before the probe's own correlation id): equal inputs, equal prints. */
  fingerprint: string;
  ms: number;
  violations: Violation[];
  /** The first bytes of the answer's body, for findings. */
  answer: string;
  correlationId?: string;
}

export interface ProbeOptions extends CheckContext {
  baseUrl: string;
  concurrency: number;
}

/** Every case once, `concurrency` at a time, in the given order; never throws. */
export async function runProbe(cases: ProbeCase[], options: ProbeOptions): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      // A correlation id per input (unless the input brings its own) finds its lines in the services' logs.
      const probe = { ...cases[index], headers: { 'x-correlation-id': `probe-${index}`, ...cases[index].headers } };
      const answer = await rawRequest(options.baseUrl, probe, options.aliceToken, options.boundMs);
      results[index] = {
        category: probe.category,
        name: probe.name,
        request: `${probe.method} ${probe.path.length > 160 ? `${probe.path.slice(0, 160)}…(${probe.path.length} chars)` : probe.path}`,
        status: answer.status,
        code: errorCodeOf(answer.body),
        sameAnswerAs: probe.sameAnswerAs,
        fingerprint: fingerprintOf(cases[index]),
        ms: answer.ms,
        violations: violationsOf(probe, answer, options),
        answer: answer.body.subarray(0, 300).toString('latin1'),
        correlationId: answer.headers['x-correlation-id'],
      };
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results;
}

function fingerprintOf(probe: ProbeCase): string {
  const headers = Object.entries(probe.headers ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([probe.method, probe.path, headers, probe.hangUpAfter ?? null]))
    .update(probe.body ?? Buffer.alloc(0))
    .digest('hex');
}

/** Counts by status and error code (overall and per category), the slowest requests, and every violation. */
export function summarise(results: ProbeResult[], extra: Record<string, unknown>) {
  const countBy = (items: ProbeResult[], key: (r: ProbeResult) => string | undefined) =>
    items.reduce<Record<string, number>>((counts, r) => {
      const k = key(r);
      return k === undefined ? counts : { ...counts, [k]: (counts[k] ?? 0) + 1 };
    }, {});
  const counts = (items: ProbeResult[]) => ({
    inputs: items.length,
    byStatus: countBy(items, (r) => String(r.status)),
    byCode: countBy(items, (r) => r.code),
  });
  const categories = [...new Set(results.map((r) => r.category))].sort();
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return {
    distinctInputs: new Set(results.map((r) => r.fingerprint)).size,
    // Inputs that are byte for byte another's (each counts once in distinctInputs).
    repeated: results
      .filter((r, i) => results.findIndex((o) => o.fingerprint === r.fingerprint) !== i)
      .map((r) => r.name),
    ...counts(results),
    byCategory: Object.fromEntries(categories.map((c) => [c, counts(results.filter((r) => r.category === c))])),
    slowest: slowest.map(({ name, request, status, ms }) => ({ name, request, status, ms })),
    violations: results.filter((r) => r.violations.length > 0).map(({ fingerprint: _, ...r }) => r),
    ...extra,
  };
}

/** summary.json (counts and findings) and results.json (every input's answer, to read a run back). */
export function writeSummary(root: string, summary: unknown, results: ProbeResult[]): string {
  const dir = path.join(root, 'test-output', 'probe');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'summary.json');
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  const brief = results.map(({ category, name, request, status, code, ms }) => ({
    category,
    name,
    request,
    status,
    code,
    ms,
  }));
  writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(brief, null, 2)}\n`);
  return file;
}

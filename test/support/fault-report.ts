import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../deploy/local/service-processes';
import { INVARIANTS, type FaultOutcome, type Invariant } from './fault-invariants';

/** One fault as it happened: what was hit, where, what was seen at that moment, and the outcome. */
export interface FaultRecord extends FaultOutcome {
  fault: string;
  /** What the test saw when it struck (e.g. whether the commit was published yet). */
  observed: string;
  /** What the clients were answered, counted by status. */
  answers: Record<string, number>;
}

const dir = () => path.join(repoRoot(), 'test-output', 'faults');
const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);
const keys = Object.keys(INVARIANTS) as Invariant[];

/**
 * Collects a suite file's faults; `write` saves them as `test-output/faults/<suite>.json` and
 * rewrites `summary.md` from every suite file's JSON there (parallel files each add theirs, the
 * last one to finish writes the whole table), then prints this file's table.
 */
export class FaultReport {
  readonly records: FaultRecord[] = [];
  private readonly startedAt = Date.now();

  constructor(private readonly suite: string) {}

  add(record: FaultRecord): FaultRecord {
    this.records.push(record);
    return record;
  }

  write(): void {
    mkdirSync(dir(), { recursive: true });
    const wallMs = Date.now() - this.startedAt;
    const own = { suite: this.suite, finishedAt: new Date().toISOString(), wallMs, records: this.records };
    writeFileSync(path.join(dir(), `${this.suite}.json`), `${JSON.stringify(own, null, 2)}\n`);
    const suites = readdirSync(dir())
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(dir(), f), 'utf8')) as typeof own);
    const summary = suites.map((s) => table(s.suite, s.records, s.wallMs, s.finishedAt)).join('\n\n');
    writeFileSync(path.join(dir(), 'summary.md'), `${summary}\n`);
    console.log(table(this.suite, this.records, wallMs, own.finishedAt));
  }
}

export function table(suite: string, records: FaultRecord[], wallMs: number, finishedAt: string): string {
  const header = ['fault', 'ready (e)', 'converged', 'bound', ...keys.map((k) => `${k}`)];
  const rows = records.map((r) => [
    r.fault,
    seconds(r.recoveryMs),
    seconds(r.convergedMs),
    seconds(r.boundMs),
    ...keys.map((k) => (r.invariants[k].ok ? 'ok' : 'FAIL')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const failures = records.flatMap((r) =>
    keys.filter((k) => !r.invariants[k].ok).map((k) => `- ${r.fault} (${k}): ${r.invariants[k].detail}`),
  );
  return [
    `### ${suite} (${seconds(wallMs)}, finished ${finishedAt})`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'ready (e): from the end of the fault (restart issued) until every service answered /health/ready;',
    'converged: from then until (a)-(d) held together; bound: the stated time for both, past it FAIL.',
    ...keys.map((k) => `${k}: ${INVARIANTS[k]}`),
    '',
    'at the strike:',
    ...records.map((r) => `- ${r.fault}: ${r.observed}; client answers ${JSON.stringify(r.answers)}`),
    ...(failures.length ? ['', 'failures:', ...failures] : []),
  ].join('\n');
}

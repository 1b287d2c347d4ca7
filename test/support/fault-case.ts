import { readFileSync } from 'node:fs';
import { checkInvariants, INVARIANTS, type Invariant } from './fault-invariants';
import { faultUser, type FaultUser } from './fault-platform';
import { type FaultRecord, type FaultReport } from './fault-report';
import { eventually } from './eventually';
import { catalogOf, type FaultWorld } from './fault-snapshot';
import { boundedCall, boundedUpload, countAnswers, type ClientAnswer } from './held-upload';
import { sharedFixture } from './uploads';

/** What a fault's strike reports: when the fault ended (restart issued), and what it saw. */
export interface Struck {
  since: number;
  answers: ClientAnswer[];
  observed: string;
  /** The gateway itself died: its clients' connections broke, which is no answer to judge. */
  gatewayDied?: boolean;
  known?: string[];
}

/** The real-world sample every fault uploads (12 kB, UTM): small, so a saga takes well under a second. */
export const utm = () => ({ name: 'utm.tif', bytes: readFileSync(sharedFixture('utm.tif')) });

/** A fresh user on the world's platform, with one mosaic to upload into. */
export async function aFaultUser(world: FaultWorld, label: string): Promise<FaultUser & { mosaicId: string }> {
  const user = await faultUser(world.platform, `${label}@faults.example.com`);
  world.users.push(user);
  const created = await boundedCall(world.platform.gatewayUrl, user.token, 'POST', '/rasters/mosaic', { name: label });
  if (created.status !== 200) throw new Error(`mosaic for ${label}: ${created.status} ${JSON.stringify(created.json)}`);
  return { ...user, mosaicId: created.json.id };
}

export const uploadUrl = (world: FaultWorld, mosaicId: string) =>
  `${world.platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`;

/**
 * `count` mosaics of the user (its own first) with one image each and their previews rendered:
 * a delete then has blobs, bytes and renditions to remove.
 */
export async function fillMosaics(world: FaultWorld, user: FaultUser & { mosaicId: string }, count: number) {
  const { gatewayUrl } = world.platform;
  const more = await Promise.all(
    Array.from({ length: count - 1 }, (_, i) =>
      boundedCall(gatewayUrl, user.token, 'POST', '/rasters/mosaic', { name: `full ${i}` }),
    ),
  );
  const ids = [user.mosaicId, ...more.map((c) => c.json.id as string)];
  const uploaded = await Promise.all(ids.map((id) => boundedUpload(uploadUrl(world, id), user.token, utm())));
  if (uploaded.some((u) => u.status !== 200)) throw new Error(`setup uploads: ${uploaded.map((u) => u.status)}`);
  await eventually(async () => {
    const images = (await catalogOf(world, user.token)).flatMap((m) => m.images);
    return images.length === count && images.every((i) => i.preview_status === 'READY');
  }, 30_000);
  return ids;
}

/** Strikes, then judges the invariants (bounded), records the fault, and returns the record. */
export async function runFault(
  world: FaultWorld,
  report: FaultReport,
  fault: string,
  user: FaultUser,
  strike: () => Promise<Struck>,
  timeoutMs = 60_000,
): Promise<FaultRecord> {
  let struck: Struck;
  const startedAt = Date.now();
  try {
    struck = await strike();
  } catch (error) {
    // The fault could not even be carried out: still a row of the table, with why.
    const detail = `strike failed: ${(error as Error).message}`;
    const verdicts = Object.fromEntries(Object.keys(INVARIANTS).map((k) => [k, { ok: false, detail }]));
    report.add({
      fault,
      observed: detail,
      answers: {},
      recoveryMs: null,
      convergedMs: null,
      boundMs: timeoutMs,
      invariants: verdicts as never,
    });
    throw error;
  }
  const outcome = await checkInvariants(world, user, struck.since, { ...struck, startedAt, timeoutMs });
  return report.add({ fault, observed: struck.observed, answers: countAnswers(struck.answers), ...outcome });
}

/** The invariants a record failed, with what was seen: what a test asserts is empty. */
export function failuresOf(record: FaultRecord): string[] {
  return (Object.keys(INVARIANTS) as Invariant[])
    .filter((k) => !record.invariants[k].ok)
    .map((k) => `${k} (${INVARIANTS[k]}): ${record.invariants[k].detail}`);
}

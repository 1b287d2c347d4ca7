import { deletedImages, lastTypeByStream, ledgerOf, mosaicsOf } from './event-replay';
import { timeUntilAllReady, type FaultUser } from './fault-platform';
import { snapshot, SnapshotUnavailable, type FaultWorld, type Snapshot } from './fault-snapshot';
import { countAnswers, type ClientAnswer } from './held-upload';

export const INVARIANTS = {
  a: 'every upload ends accepted or refused',
  b: 'used = sum of file_size, reserved 0',
  c: 'no blob without image, no image without blob',
  d: 'read models = replay of the topics',
  e: 'every service ready',
} as const;
export type Invariant = keyof typeof INVARIANTS;
export type Verdict = { ok: boolean; detail: string };

export interface FaultOutcome {
  /** (e): from the end of the fault (restart issued) until every service answered ready. */
  recoveryMs: number | null;
  /** From the same moment until (a)–(d) all held at once (upper bound: includes one snapshot). */
  convergedMs: number | null;
  /** The stated time: (e) and (a)–(d) must hold within it of the fault's end, or fail. */
  boundMs: number;
  invariants: Record<Invariant, Verdict>;
}

const ok: Verdict = { ok: true, detail: '' };
/** The first few problems and how many more: enough to act on, short enough to read in a table. */
const fail = (problems: string[]): Verdict =>
  problems.length === 0
    ? ok
    : {
        ok: false,
        detail: [...problems.slice(0, 4), ...(problems.length > 4 ? [`… ${problems.length - 4} more`] : [])].join('; '),
      };
const ended = new Set(['READY', 'REJECTED']);

/** A UUIDv7 (upload ids are) carries the millisecond it was made in its first 48 bits. */
const madeAt = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/**
 * (a) Each attempt (reservation) reached READY or REJECTED; ItemNotFound only for a request
 * refused before ingest took it, or an image accepted and deleted since. And every client got an
 * answer: 2xx, or 503 to retry — never a 4xx (their requests are valid), a 500 or a hang (a
 * network error only where its gateway died).
 * And the answer was true: an upload of the fault that the catalog accepted was answered 200
 * with its Image (READY, or VALIDATING to poll); a 503 tells the client to send the file again,
 * a second image. Only a dead gateway (no answer at all) excuses as many as it cut off.
 */
function judgeUploads(s: Snapshot, answers: ClientAnswer[], gatewayDied: boolean, startedAt: number): Verdict {
  const problems: string[] = [];
  const ingest = lastTypeByStream(s.replay.ingest);
  // Accepted then deleted, or refused because its mosaic went meanwhile: both answer ItemNotFound.
  const gone = deletedImages(s.replay.catalog);
  for (const e of s.replay.catalog)
    if (e.type === 'catalog.ImageRejected' && e.data.code === 'ItemNotFound') gone.add(e.data.imageId);
  for (const [id, st] of s.statuses) {
    if (st.http === 200 && ended.has(st.status!)) continue;
    if (st.http === 404 && st.code === 'ItemNotFound' && (!ingest.has(id) || gone.has(id))) continue;
    problems.push(
      `${id}: status ${st.http} ${st.status ?? st.code ?? ''} (ingest's last event ${ingest.get(id) ?? 'none'})`,
    );
  }
  for (const a of answers) {
    // The faults' clients send valid requests only (a valid GeoTIFF into their own mosaic, with
    // room to spare; deletes of their own): a 4xx would blame them for the platform's fault.
    const clean =
      typeof a.status === 'number'
        ? (a.status >= 200 && a.status < 300) || a.status === 503
        : a.status === 'network-error' && gatewayDied;
    if (!clean) problems.push(`client got ${a.status} ${JSON.stringify(a.json ?? a.error).slice(0, 200)}`);
  }
  const accepted = new Set(
    s.replay.catalog.filter((e) => e.type === 'catalog.ImageAccepted').map((e) => e.data.imageId),
  );
  const told = new Set(answers.filter((a) => a.status === 200 && a.json?.id).map((a) => a.json.id as string));
  const untold = [...s.statuses.keys()].filter((id) => madeAt(id) >= startedAt && accepted.has(id) && !told.has(id));
  const cutOff = gatewayDied ? answers.filter((a) => a.status === 'network-error').length : 0;
  if (untold.length > cutOff) {
    const said = JSON.stringify(countAnswers(answers));
    problems.push(...untold.map((id) => `${id} was accepted, yet no client was answered 200 for it (answers ${said})`));
  }
  return fail(problems);
}

function judgeStorage(s: Snapshot): Verdict {
  const sum = s.mosaics.flatMap((m) => m.images).reduce((total, i) => total + i.file_size, 0);
  const { memoryUsed, memoryReserved } = s.memory;
  return memoryUsed === sum && memoryReserved === 0
    ? ok
    : fail([`memoryUsed ${memoryUsed} vs sum of file_size ${sum}, memoryReserved ${memoryReserved} vs 0`]);
}

/** Blob keys are `images/<imageId>` (originals) and `images/<imageId>/<size>…` (renditions). */
const imageIdOf = (key: string) => key.split('/')[1];

function judgeBlobs(world: FaultWorld, s: Snapshot): { verdict: Verdict; orphans: string[] } {
  const orphans = [...s.originals, ...s.renditions].filter(
    (key) => !s.everyonesImages.has(imageIdOf(key)) && !world.reportedOrphans.has(key),
  );
  const stored = new Set(s.originals);
  const missing = s.mosaics
    .flatMap((m) => m.images)
    .filter((i) => !stored.has(`images/${i.id}`))
    .map((i) => `image ${i.id} has no original`);
  return { verdict: fail([...orphans.map((k) => `orphan ${k}`), ...missing]), orphans };
}

/** (d) catalog's mosaics and images, quota's figures and previews' status equal the replays. */
function judgeReadModels(s: Snapshot, user: FaultUser): Verdict {
  const problems: string[] = [];
  const replayed = mosaicsOf(s.replay.catalog, user.email);
  const listed = new Map(s.mosaics.map((m) => [m.id, m]));
  for (const id of new Set([...replayed.keys(), ...listed.keys()])) {
    const [r, l] = [replayed.get(id), listed.get(id)];
    if (!r || !l) {
      problems.push(`mosaic ${id} ${r ? 'in the topic, not listed' : 'listed, not in the topic'}`);
      continue;
    }
    if (r.name !== l.name || JSON.stringify(r.tags) !== JSON.stringify(l.tags))
      problems.push(`mosaic ${id} name/tags differ`);
    const images = new Map(l.images.map((i) => [i.id, i.file_size]));
    for (const image of new Set([...r.images.keys(), ...images.keys()])) {
      if (r.images.get(image) !== images.get(image))
        problems.push(`image ${image}: topic size ${r.images.get(image)}, listed ${images.get(image)}`);
    }
  }
  const ledger = ledgerOf(s.replay.quota, user.email);
  if (ledger.used !== s.memory.memoryUsed || ledger.reserved !== s.memory.memoryReserved)
    problems.push(
      `quota.events say used ${ledger.used}/reserved ${ledger.reserved}, memory says ${s.memory.memoryUsed}/${s.memory.memoryReserved}`,
    );
  const previews = lastTypeByStream(s.replay.previews);
  const shown = { 'previews.PreviewReady': 'READY', 'previews.PreviewFailed': 'FAILED' } as Record<string, string>;
  for (const image of s.mosaics.flatMap((m) => m.images)) {
    const expected = shown[previews.get(image.id) ?? ''];
    if (!expected || image.preview_status !== expected)
      problems.push(
        `image ${image.id}: preview ${image.preview_status}, previews.events ${previews.get(image.id) ?? 'none'}`,
      );
  }
  return fail(problems);
}

export interface CheckOptions {
  /** When the fault's first client call was made (uploads made since are the fault's); `since` unless told. */
  startedAt?: number;
  answers?: ClientAnswer[];
  /** Upload ids the client knows (e.g. from answers), besides the reservations. */
  known?: string[];
  gatewayDied?: boolean;
  timeoutMs?: number;
}

/**
 * After a fault that ended at `since`: waits (bounded) for every service to be ready, then for
 * (a)–(d) to hold together, and judges each on the last look when the time ran out.
 */
export async function checkInvariants(world: FaultWorld, user: FaultUser, since: number, options: CheckOptions = {}) {
  const { answers = [], known = [], gatewayDied = false, timeoutMs = 60_000, startedAt = since } = options;
  const ready = await timeUntilAllReady(world.platform, since, timeoutMs);
  const e: Verdict = ready.ms === null ? fail([`not ready after ${timeoutMs} ms: ${ready.notReady.join(', ')}`]) : ok;
  const deadline = since + timeoutMs;
  let last: Omit<Record<Invariant, Verdict>, 'e'> | null = null;
  let orphans: string[] = [];
  for (;;) {
    try {
      const s = await snapshot(world, user, known);
      const blobs = judgeBlobs(world, s);
      orphans = blobs.orphans;
      last = {
        a: judgeUploads(s, answers, gatewayDied, startedAt),
        b: judgeStorage(s),
        c: blobs.verdict,
        d: judgeReadModels(s, user),
      };
      if (Object.values(last).every((v) => v.ok)) {
        return {
          recoveryMs: ready.ms,
          convergedMs: Date.now() - since,
          boundMs: timeoutMs,
          invariants: { ...last, e },
        };
      }
    } catch (error) {
      if (!(error instanceof SnapshotUnavailable)) throw error;
      const unreadable = fail([`could not look: ${error.message}`]);
      last = last ?? { a: unreadable, b: unreadable, c: unreadable, d: unreadable };
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const key of orphans) world.reportedOrphans.add(key);
  return {
    recoveryMs: ready.ms,
    convergedMs: null,
    boundMs: timeoutMs,
    invariants: { ...last!, e },
  } satisfies FaultOutcome;
}

import { GcsBlobStore } from '@mi/storage';
import type { Kafka } from 'kafkajs';
import { bucketOf, previewsBucketOf } from '../../deploy/local/service-processes';
import { kafkaAt, ledgerOf, replayPlatform, type PlatformReplay } from './event-replay';
import type { FaultUser } from './fault-platform';
import { boundedCall } from './held-upload';
import type { Platform } from './platform';
import { stackEnv } from './stack';

/** One platform under faults, and what its checks need to see it from outside. */
export interface FaultWorld {
  platform: Platform;
  kafka: Kafka;
  originals: GcsBlobStore;
  renditions: GcsBlobStore;
  /** Every user made on this platform so far: a blob is an orphan only if no one's image has it. */
  users: FaultUser[];
  /** Orphans already reported by an earlier fault, so each is blamed on the fault that left it. */
  reportedOrphans: Set<string>;
}

/** `stack`: where the platform runs (the shared stack unless a fault stack of its own). */
export function faultWorld(
  platform: Platform,
  stack: { kafkaBrokers: string | string[]; gcsApiEndpoint: string } = stackEnv,
): FaultWorld {
  const gcs = (bucket: string) => new GcsBlobStore({ bucket, apiEndpoint: stack.gcsApiEndpoint, projectId: 'test' });
  return {
    platform,
    kafka: kafkaAt(stack.kafkaBrokers.toString()),
    originals: gcs(bucketOf(platform.namespace)),
    renditions: gcs(previewsBucketOf(platform.namespace)),
    users: [],
    reportedOrphans: new Set(),
  };
}

export interface ListedImage {
  id: string;
  mosaic_id: string;
  file_size: number;
  image_url: string;
  preview_status: string;
}
export interface ListedMosaic {
  id: string;
  name: string;
  tags: string[];
  images: ListedImage[];
}

/** Everything the invariants judge, read at one moment (as close to one as HTTP allows). */
export interface Snapshot {
  mosaics: ListedMosaic[];
  memory: { memoryUsed: number; memoryReserved: number };
  /** Upload id → what `GET /rest/rasters/image/{id}/status` answered (status code, body). */
  statuses: Map<string, { http: number | string; status?: string; code?: string }>;
  /** Image ids of every user's catalog (for orphan blobs). */
  everyonesImages: Set<string>;
  originals: string[];
  renditions: string[];
  replay: PlatformReplay;
}

/** Thrown while a snapshot cannot be read whole (a service still down): the check retries. */
export class SnapshotUnavailable extends Error {}

async function get(world: FaultWorld, token: string, route: string): Promise<any> {
  const answer = await boundedCall(world.platform.gatewayUrl, token, 'GET', route, undefined, 10_000);
  if (answer.status !== 200)
    throw new SnapshotUnavailable(`GET ${route}: ${answer.status} ${JSON.stringify(answer.json ?? answer.error)}`);
  return answer.json;
}

export async function catalogOf(world: FaultWorld, token: string): Promise<ListedMosaic[]> {
  const mosaics = (await get(world, token, '/rasters/mosaic')) as ListedMosaic[];
  return Promise.all(
    mosaics.map(async (m) => ({
      ...m,
      images: (await get(world, token, `/rasters/mosaic/${m.id}/image`)) as ListedImage[],
    })),
  );
}

async function keys(store: GcsBlobStore): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const blob of store.list('images/')) found.push(blob.key);
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw new SnapshotUnavailable(`bucket: ${(error as Error).message}`);
  }
  return found;
}

/** Every upload the user attempted is one quota reservation (its id is the upload id), plus `known` ids. */
export async function snapshot(world: FaultWorld, user: FaultUser, known: string[] = []): Promise<Snapshot> {
  const replay = await replayPlatform(world.kafka, world.platform.topic).catch((error: Error) => {
    throw new SnapshotUnavailable(`replay: ${error.message}`);
  });
  const [mosaics, memory, others, originals, renditions] = await Promise.all([
    catalogOf(world, user.token),
    get(world, user.token, '/rasters/memory'),
    Promise.all(world.users.filter((u) => u !== user).map((u) => catalogOf(world, u.token))),
    keys(world.originals),
    keys(world.renditions),
  ]);
  const statuses = new Map<string, { http: number | string; status?: string; code?: string }>();
  for (const id of new Set([...ledgerOf(replay.quota, user.email).reservations, ...known])) {
    const answer = await boundedCall(world.platform.gatewayUrl, user.token, 'GET', `/rasters/image/${id}/status`);
    statuses.set(id, { http: answer.status, status: answer.json?.status, code: answer.json?.detail?.code });
  }
  const everyonesImages = new Set([mosaics, ...others].flat().flatMap((m) => m.images.map((i) => i.id)));
  return { mosaics, memory, statuses, everyonesImages, originals, renditions, replay };
}

import { TOPICS } from '@mi/contracts';
import { createKafka } from '@mi/messaging';
import type { Kafka } from 'kafkajs';
import { quietLogger, readTopic, uniqueName } from './stack';

/** The part of the envelope a replay needs (every topic carries the same envelope). */
export interface ReplayedEvent {
  type: string;
  streamId: string;
  version: number;
  data: any;
}

export function kafkaAt(brokers: string): Kafka {
  return createKafka(uniqueName('replay'), brokers.split(','), quietLogger);
}

/**
 * Every event on `topic` up to where it ends now (each partition's high watermark), in stream
 * order, each (streamId, version) once: delivery is at-least-once, a replay must not count twice.
 */
export async function replayTopic(kafka: Kafka, topic: string, timeoutMs = 20_000): Promise<ReplayedEvent[]> {
  const admin = kafka.admin();
  await admin.connect();
  let total = 0;
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    for (const o of await admin.fetchTopicOffsets(topic)) total += Number(o.high) - Number(o.low);
  } finally {
    await admin.disconnect();
  }
  if (total === 0) return [];
  const messages = await readTopic(kafka, topic, (m) => m.length >= total, timeoutMs);
  const once = new Map<string, ReplayedEvent>();
  for (const m of messages) {
    const event = JSON.parse(m.value) as ReplayedEvent;
    once.set(`${event.streamId}:${event.version}`, event);
  }
  return [...once.values()].sort((a, b) => a.streamId.localeCompare(b.streamId) || a.version - b.version);
}

/** The four topics the invariants replay, of one platform (its topic prefix). */
export async function replayPlatform(kafka: Kafka, topic: (base: string) => string) {
  const [catalog, ingest, quota, previews] = await Promise.all(
    [TOPICS.catalogEvents, TOPICS.ingestEvents, TOPICS.quotaEvents, TOPICS.previewsEvents].map((t) =>
      replayTopic(kafka, topic(t)),
    ),
  );
  return { catalog, ingest, quota, previews };
}
export type PlatformReplay = Awaited<ReturnType<typeof replayPlatform>>;

export interface ReplayedMosaic {
  id: string;
  ownerId: string;
  name: string;
  tags: string[];
  /** imageId → file size, of the images still in it. */
  images: Map<string, number>;
}

/** The live mosaics of `ownerId` as catalog.events tell them: what every read model must show. */
export function mosaicsOf(events: ReplayedEvent[], ownerId: string): Map<string, ReplayedMosaic> {
  const mosaics = new Map<string, ReplayedMosaic>();
  for (const { type, streamId, data } of events) {
    const mosaic = mosaics.get(streamId);
    if (type === 'catalog.MosaicCreated' && data.ownerId === ownerId) {
      mosaics.set(streamId, { id: streamId, ownerId, name: data.name, tags: data.tags, images: new Map() });
    } else if (!mosaic) continue;
    else if (type === 'catalog.MosaicRenamed') mosaic.name = data.name;
    else if (type === 'catalog.MosaicRetagged') mosaic.tags = data.tags;
    else if (type === 'catalog.ImageAccepted') mosaic.images.set(data.imageId, data.fileSize);
    else if (type === 'catalog.ImageDeleted') mosaic.images.delete(data.imageId);
    else if (type === 'catalog.MosaicDeleted') mosaics.delete(streamId);
  }
  return mosaics;
}

/** Ids of images accepted and later deleted (alone or with their mosaic), any owner. */
export function deletedImages(events: ReplayedEvent[]): Set<string> {
  const accepted = new Set<string>();
  const deleted = new Set<string>();
  for (const { type, data } of events) {
    if (type === 'catalog.ImageAccepted') accepted.add(data.imageId);
    if (type === 'catalog.ImageDeleted') deleted.add(data.imageId);
    if (type === 'catalog.MosaicDeleted') for (const i of data.images) deleted.add(i.imageId);
  }
  return new Set([...deleted].filter((id) => accepted.has(id)));
}

/** One account's ledger as quota.events tell it. */
export function ledgerOf(events: ReplayedEvent[], accountId: string) {
  let used = 0;
  let reserved = 0;
  const reservations = new Set<string>();
  for (const { type, streamId, data } of events) {
    if (streamId !== accountId) continue;
    if (type === 'quota.StorageReserved') {
      reserved += data.bytes;
      reservations.add(data.reservationId);
    } else if (type === 'quota.StorageCommitted') {
      used += data.bytes;
      reserved -= data.reservedBytes;
    } else if (type === 'quota.ReservationReleased') reserved -= data.bytes;
    else if (type === 'quota.StorageFreed') used -= data.bytes;
  }
  return { used, reserved, reservations };
}

/** The last word per stream: an upload's last ingest event, an image's last previews event. */
export function lastTypeByStream(events: ReplayedEvent[]): Map<string, string> {
  return new Map(events.map((e) => [e.streamId, e.type]));
}

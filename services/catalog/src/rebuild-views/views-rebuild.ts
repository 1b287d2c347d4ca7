import { readEnvelope } from '@mi/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { CatalogViews } from '../catalog-views.service';

/**
 * Rebuilds the catalog's read models: drops them, then replays `catalog.events` from the
 * beginning up to the offsets it had when the rebuild started, catching up each mosaic it names
 * from the catalog's event store, from the stream's start: the one write path the live views use.
 * Safe to run next to the live consumer: rows move only forward under their version guards, and
 * a stream the live consumer touched after the drop is re-applied whole all the same.
 */
export async function rebuildCatalogViews(
  kafka: Kafka,
  topic: string,
  views: CatalogViews,
  logger: Logger,
): Promise<{ events: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((p) => p.high !== '0').map((p) => [p.partition, BigInt(p.high)]));

  await views.drop();
  if (remaining.size === 0) return { events: 0 };

  const consumer = kafka.consumer({ groupId: `rebuild-${topic}-${Date.now()}` });
  const rebuilt = new Set<string>();
  let events = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined) return;
            const event = readEnvelope(JSON.parse(message.value!.toString()));
            if (!rebuilt.has(event.streamId)) {
              rebuilt.add(event.streamId);
              await views.catchUp(event.streamId, { fromStart: true });
            }
            events += 1;
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  logger.info({ topic, events, mosaics: rebuilt.size }, 'catalog read models rebuilt');
  return { events };
}

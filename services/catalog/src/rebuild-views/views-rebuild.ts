import { readEnvelope } from '@mi/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { ImagesRepository } from '../images-view/images.repository';
import type { MosaicsRepository } from '../mosaics-view/mosaics.repository';
import type { UploadOutcomesRepository } from '../upload-outcomes/upload-outcomes.repository';

/**
 * Rebuilds the catalog's read models from `catalog.events`: drops them, then replays the topic
 * from the beginning up to the offsets it had when the rebuild started. Safe to run next to the
 * live consumer: both write under the same version guard.
 */
export async function rebuildCatalogViews(
  kafka: Kafka,
  topic: string,
  views: { mosaics: MosaicsRepository; images: ImagesRepository; outcomes: UploadOutcomesRepository },
  logger: Logger,
): Promise<{ events: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((p) => p.high !== '0').map((p) => [p.partition, BigInt(p.high)]));

  await views.mosaics.drop();
  await views.images.drop();
  await views.outcomes.drop();
  if (remaining.size === 0) return { events: 0 };

  const consumer = kafka.consumer({ groupId: `rebuild-${topic}-${Date.now()}` });
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
            await views.mosaics.apply(event);
            await views.images.apply(event);
            await views.outcomes.apply(event);
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
  logger.info({ topic, events }, 'catalog read models rebuilt');
  return { events };
}

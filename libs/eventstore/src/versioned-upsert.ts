import type { Collection, Document } from 'mongodb';

/**
 * Writes a read-model row only when it moves forward: the filter matches the stored row only
 * if its version is older, and an upsert that collides with a newer row (duplicate `_id`) means
 * the event was applied already. Replays and redeliveries therefore change nothing.
 */
export async function upsertIfNewer<T extends Document & { _id: string; version: number }>(
  collection: Collection<T>,
  row: T,
): Promise<'applied' | 'skipped-duplicate'> {
  try {
    const result = await collection.replaceOne({ _id: row._id, version: { $lt: row.version } } as never, row, {
      upsert: true,
    });
    return result.modifiedCount + result.upsertedCount > 0 ? 'applied' : 'skipped-duplicate';
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return 'skipped-duplicate';
    throw error;
  }
}

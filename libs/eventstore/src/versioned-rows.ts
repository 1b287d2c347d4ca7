import type { Collection, Document, Filter, OptionalUnlessRequiredId } from 'mongodb';

/** A stored row: the stream it shows (under the key field), as of `version`. */
export type VersionedRow<K extends string> = Document & { _id: string; version: number } & Record<K, string>;

/**
 * A read model whose rows many writers update at once (a service's own projection, its catch-up
 * consumer, replicas): one immutable row per (key, version), the newest read back, older ones
 * pruned. A replace-if-older upsert (`upsertIfNewer`) loses the newer write when two writers race
 * on one row under FerretDB v1 (measured: most rounds of 30 concurrent writes); an insert is
 * atomic, so whatever the interleaving the newest version is never lost. A duplicate key means
 * that version was applied already.
 */
export class VersionedRows<K extends string, T extends VersionedRow<K>> {
  constructor(
    readonly collection: Collection<T>,
    private readonly keyField: K,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ [this.keyField]: 1, version: -1 });
  }

  /** Stores `row` (its key and version in it) unless that version or a newer one is there. */
  async save(row: Omit<T, '_id'>): Promise<'applied' | 'skipped-duplicate'> {
    const { [this.keyField]: key, version } = row as unknown as Record<K, string> & { version: number };
    if (await this.collection.findOne(this.of(key, { version: { $gte: version } }))) return 'skipped-duplicate';
    try {
      await this.collection.insertOne({ ...row, _id: `${key}|${version}` } as OptionalUnlessRequiredId<T>);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return 'skipped-duplicate';
      throw error;
    }
    await this.collection.deleteMany(this.of(key, { version: { $lt: version } }));
    return 'applied';
  }

  /** The newest row of `key`, or null. */
  async latest(key: string): Promise<T | null> {
    return (await this.collection.findOne(this.of(key), { sort: { version: -1 } })) as T | null;
  }

  private of(key: string, more: Document = {}): Filter<T> {
    return { [this.keyField]: key, ...more } as Filter<T>;
  }
}

import type { Collection, Db } from 'mongodb';

interface SnapshotDocument<TState> {
  _id: string;
  version: number;
  state: TState;
  takenAt: Date;
}

/**
 * Latest state of long streams (quota accounts see an event per upload), so loading reads only
 * the events after it. A snapshot is a cache: losing one only costs a longer read.
 */
export class MongoSnapshotStore {
  private readonly snapshots: Collection<SnapshotDocument<unknown>>;

  constructor(db: Db, collection = 'snapshots') {
    this.snapshots = db.collection<SnapshotDocument<unknown>>(collection);
  }

  async load<TState>(streamId: string): Promise<{ version: number; state: TState } | null> {
    const doc = await this.snapshots.findOne({ _id: streamId });
    return doc ? { version: doc.version, state: doc.state as TState } : null;
  }

  /** Keeps the newest snapshot: an older writer never overwrites a newer one. */
  async save<TState>(streamId: string, version: number, state: TState): Promise<void> {
    try {
      await this.snapshots.updateOne(
        { _id: streamId, version: { $lt: version } },
        { $set: { version, state, takenAt: new Date() } },
        { upsert: true },
      );
    } catch (error) {
      // The upsert collides with an existing newer snapshot: nothing to do.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
}

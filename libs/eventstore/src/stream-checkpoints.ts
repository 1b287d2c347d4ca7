import type { Collection, Db } from 'mongodb';

interface CheckpointDocument {
  _id: string;
  group: string;
  streamId: string;
  version: number;
}

/**
 * The last stream version each consumer group handled, so a redelivered event (Kafka delivers
 * at least once) is recognised and skipped before its handler runs again.
 */
export class MongoStreamCheckpoints {
  private readonly checkpoints: Collection<CheckpointDocument>;

  constructor(db: Db, collection = 'consumer_checkpoints') {
    this.checkpoints = db.collection<CheckpointDocument>(collection);
  }

  async lastVersion(group: string, streamId: string): Promise<number> {
    const doc = await this.checkpoints.findOne({ _id: `${group}|${streamId}` });
    return doc?.version ?? 0;
  }

  async save(group: string, streamId: string, version: number): Promise<void> {
    try {
      await this.checkpoints.updateOne(
        { _id: `${group}|${streamId}`, version: { $lt: version } },
        { $set: { group, streamId, version } },
        { upsert: true },
      );
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error; // already further along
    }
  }

  /** Forgets every checkpoint of `group`, e.g. a projection whose rows were dropped for a rebuild. */
  async forget(group: string): Promise<void> {
    await this.checkpoints.deleteMany({ group });
  }
}

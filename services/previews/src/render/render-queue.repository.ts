import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO_DB } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';

interface QueuedRender {
  _id: string;
  enqueuedAt: Date;
  /** Nobody may take it before this: a claim's lease, or a retry's wait. */
  notBefore: Date;
  attempts: number;
}

/**
 * Renders waiting to be done, kept in MongoDB so that none is lost when a replica dies: a claim
 * is a lease, and a lease that runs out makes the render claimable again. Two replicas claiming
 * one render at once only cost a repeated render: recording it is idempotent.
 */
@Injectable()
export class RenderQueue implements OnModuleInit {
  private readonly queue: Collection<QueuedRender>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.queue = db.collection<QueuedRender>('render_queue');
  }

  async onModuleInit(): Promise<void> {
    await this.queue.createIndex({ notBefore: 1 });
  }

  async enqueue(imageId: string, now = new Date()): Promise<void> {
    try {
      await this.queue.insertOne({ _id: imageId, enqueuedAt: now, notBefore: now, attempts: 0 });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error; // queued already
    }
  }

  /** The oldest due render, leased for `leaseMs`; null when none is due. */
  async claim(leaseMs: number, now = new Date()): Promise<{ imageId: string; attempt: number } | null> {
    const claimed = await this.queue.findOneAndUpdate(
      { notBefore: { $lte: now } },
      { $set: { notBefore: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
      { sort: { notBefore: 1 }, returnDocument: 'after' },
    );
    return claimed ? { imageId: claimed._id, attempt: claimed.attempts } : null;
  }

  /** Gives a failed attempt back, to be tried again after `delayMs`. */
  async retryLater(imageId: string, delayMs: number, now = new Date()): Promise<void> {
    await this.queue.updateOne({ _id: imageId }, { $set: { notBefore: new Date(now.getTime() + delayMs) } });
  }

  async done(imageId: string): Promise<void> {
    await this.queue.deleteOne({ _id: imageId });
  }

  async depth(): Promise<number> {
    return this.queue.countDocuments({});
  }
}

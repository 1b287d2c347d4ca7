import { Inject, Injectable } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import { projectUser, type UserView } from './user.view';

export type ApplyOutcome = 'applied' | 'skipped-duplicate' | 'ignored';

/** The users read model (`users_view`): who exists and on which plan, one row per email. */
@Injectable()
export class UsersRepository {
  private readonly users: Collection<UserView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.users = db.collection<UserView>('users_view');
  }

  /**
   * Applies an event under a version guard: a row moves only forward, so applying the same event
   * again (after a retry, or from a replay of the topic) changes nothing.
   */
  async apply(event: Envelope): Promise<ApplyOutcome> {
    const current = await this.users.findOne({ _id: event.streamId });
    if (current && current.version >= event.version) return 'skipped-duplicate';
    const next = projectUser(current, event);
    if (!next || next === current) return 'ignored';
    try {
      const result = await this.users.replaceOne({ _id: next._id, version: { $lt: event.version } }, next, {
        upsert: true,
      });
      return result.modifiedCount + result.upsertedCount > 0 ? 'applied' : 'skipped-duplicate';
    } catch (error) {
      // The upsert raced with a writer that already stored this version or a newer one.
      if ((error as { code?: number }).code === 11000) return 'skipped-duplicate';
      throw error;
    }
  }

  async find(email: string): Promise<UserView | null> {
    return this.users.findOne({ _id: email });
  }

  /** Every user, by email. Operators list users; no client-facing path calls this. */
  async list(): Promise<UserView[]> {
    return this.users.find({}).sort({ _id: 1 }).toArray();
  }
}

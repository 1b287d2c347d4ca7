import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO_DB, VersionedRows } from '@mi/eventstore';
import type { Db } from 'mongodb';
import type { Account } from '../domain/account.decider';
import { toAccountView, type AccountView } from './account.view';

type AccountViewRow = Omit<AccountView, '_id'> & { _id: string; accountId: string };

/**
 * `accounts_view`: each account's limit, used and reserved bytes, as of a stream version, kept
 * as VersionedRows: quota's rows see many writers at once (many uploads of one user, several
 * replicas, the catch-up consumer).
 */
@Injectable()
export class AccountsRepository implements OnModuleInit {
  private readonly view: VersionedRows<'accountId', AccountViewRow>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.view = new VersionedRows(db.collection<AccountViewRow>('accounts_view'), 'accountId');
  }

  async onModuleInit(): Promise<void> {
    await this.view.ensureIndexes();
  }

  save(accountId: string, state: Account, version: number): Promise<'applied' | 'skipped-duplicate'> {
    const { _id, ...view } = toAccountView(accountId, state, version);
    return this.view.save({ ...view, accountId });
  }

  async find(accountId: string): Promise<AccountView | null> {
    const row = await this.view.latest(accountId);
    if (!row) return null;
    const { accountId: id, ...view } = row;
    return { ...view, _id: id };
  }

  /** Every account quota knows (for reconciliation). */
  async accountIds(): Promise<string[]> {
    return [
      ...new Set(
        (await this.view.collection.find({}, { projection: { accountId: 1 } }).toArray()).map((r) => r.accountId),
      ),
    ];
  }

  /** Accounts holding a reservation whose time has passed (a pruned-late row only costs a no-op). */
  async withExpiredReservations(now: Date, limit = 100): Promise<string[]> {
    const rows = await this.view.collection
      .find({ nextExpiryAt: { $ne: null, $lte: now.toISOString() } })
      .limit(limit)
      .toArray();
    return [...new Set(rows.map((r) => r.accountId))];
  }
}

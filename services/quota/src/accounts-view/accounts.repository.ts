import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO_DB } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import type { Account } from '../domain/account.decider';
import { toAccountView, type AccountView } from './account.view';

type AccountViewRow = Omit<AccountView, '_id'> & { _id: string; accountId: string };

/**
 * `accounts_view`: each account's limit, used and reserved bytes, as of a stream version.
 *
 * One immutable row per (account, version), the newest read back, older ones pruned: a
 * replace-if-older upsert (`upsertIfNewer`) loses the newer write when two writers race on one
 * row under FerretDB v1 (measured: most rounds of 30 concurrent writes), and quota's rows see
 * exactly that (many uploads of one user at once, several replicas). An insert is atomic, so
 * whatever the interleaving the newest version is never lost; a duplicate key means applied.
 */
@Injectable()
export class AccountsRepository implements OnModuleInit {
  private readonly rows: Collection<AccountViewRow>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.rows = db.collection<AccountViewRow>('accounts_view');
  }

  async onModuleInit(): Promise<void> {
    await this.rows.createIndex({ accountId: 1, version: -1 });
  }

  async save(accountId: string, state: Account, version: number): Promise<'applied' | 'skipped-duplicate'> {
    if (await this.rows.findOne({ accountId, version: { $gte: version } })) return 'skipped-duplicate';
    const { _id, ...view } = toAccountView(accountId, state, version);
    try {
      await this.rows.insertOne({ ...view, _id: `${_id}|${version}`, accountId });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return 'skipped-duplicate';
      throw error;
    }
    await this.rows.deleteMany({ accountId, version: { $lt: version } });
    return 'applied';
  }

  async find(accountId: string): Promise<AccountView | null> {
    const row = await this.rows.findOne({ accountId }, { sort: { version: -1 } });
    if (!row) return null;
    const { accountId: id, ...view } = row;
    return { ...view, _id: id };
  }

  /** Every account quota knows (for reconciliation). */
  async accountIds(): Promise<string[]> {
    return [...new Set((await this.rows.find({}, { projection: { accountId: 1 } }).toArray()).map((r) => r.accountId))];
  }

  /** Accounts holding a reservation whose time has passed (a pruned-late row only costs a no-op). */
  async withExpiredReservations(now: Date, limit = 100): Promise<string[]> {
    const rows = await this.rows
      .find({ nextExpiryAt: { $ne: null, $lte: now.toISOString() } })
      .limit(limit)
      .toArray();
    return [...new Set(rows.map((r) => r.accountId))];
  }
}

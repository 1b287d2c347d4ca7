import { Inject, Injectable } from '@nestjs/common';
import type { QuotaEvent } from '@mi/contracts';
import { CommandHandler, MONGO_DB, MongoEventStore, MongoSnapshotStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import type { Db } from 'mongodb';
import { AccountsRepository } from './accounts-view/accounts.repository';
import { accountDecider, type Account, type AccountCommand } from './domain/account.decider';
import { QUOTA_CONFIG, type QuotaConfig } from './quota.config';

/**
 * Runs a command on an Account stream (id = the user's id, the normalized email), publishes
 * through the outbox and writes the accounts view at once, so the caller reads its own write.
 * Concurrent commands on one account (replicas, consumers and HTTP at once) are serialized by
 * the event store's optimistic concurrency: a loser reloads and decides again on the new state.
 */
@Injectable()
export class AccountCommands {
  private readonly handler: CommandHandler<AccountCommand, Account, QuotaEvent>;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    @Inject(MONGO_DB) db: Db,
    @Inject(QUOTA_CONFIG) config: QuotaConfig,
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
  ) {
    this.handler = new CommandHandler(store, 'Account', accountDecider, {
      snapshots: new MongoSnapshotStore(db, 'account_snapshots'),
      snapshotEvery: config.SNAPSHOT_EVERY,
      onCommitted: (c) => relay.committed(c),
    });
  }

  /** The account's state after the command, and whether anything was decided. */
  async execute(command: AccountCommand, actor: string | null = null): Promise<{ state: Account; decided: boolean }> {
    const { state, version, commit } = await this.handler.handle(
      command.accountId,
      command,
      eventMetadata(actor ? { actor } : {}),
    );
    if (commit) await this.accounts.save(command.accountId, state, version);
    return { state, decided: commit !== null };
  }

  /** The account as its stream says now (reconciliation compares this with the world). */
  async state(accountId: string): Promise<Account> {
    return (await this.handler.load(accountId)).state;
  }

  /** Brings the view up to the stream (after a crash between append and view write). */
  async refreshView(accountId: string): Promise<'applied' | 'skipped-duplicate'> {
    const { state, version } = await this.handler.load(accountId);
    return this.accounts.save(accountId, state, version);
  }
}

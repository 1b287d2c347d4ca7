import type { BlobStore } from '@mi/storage';
import { parseGsUri } from '@mi/storage';
import type { AccountCommands } from '../account-commands.service';
import type { AccountsRepository } from '../accounts-view/accounts.repository';
import type { AccountPlans } from '../plans/account-plans';
import { ledgerDrift, type Drift } from './ledger-drift';

/** The catalog's images of one owner: the operator tool reads them over catalog's internal API. */
export type CatalogImages = (ownerId: string) => Promise<{ imageId: string; bytes: number; storageUri: string }[]>;

export interface AccountDrift {
  accountId: string;
  drift: Drift[];
  corrected: number;
}

/**
 * Compares each account's ledger with the catalog's images and the bucket's objects, reports every
 * disagreement, and with `fix` appends the corrective events (free what is gone, commit what was
 * never counted). Corrections go through the same decider, so running it twice fixes nothing twice.
 */
export class QuotaReconciler {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly commands: AccountCommands,
    private readonly plans: AccountPlans,
    private readonly catalogImages: CatalogImages,
    private readonly blobs: BlobStore,
  ) {}

  async run(fix: boolean, now = new Date()): Promise<AccountDrift[]> {
    const bucket = new Map<string, number>();
    for await (const blob of this.blobs.list('images/')) bucket.set(blob.key, blob.size);
    const report: AccountDrift[] = [];
    for (const accountId of await this.accounts.accountIds()) {
      const state = await this.commands.state(accountId);
      const catalog = (await this.catalogImages(accountId)).map((i) => ({
        imageId: i.imageId,
        bytes: i.bytes,
        storageKey: parseGsUri(i.storageUri).key,
      }));
      const drift = ledgerDrift({ ledger: state.images, catalog, bucket });
      report.push({ accountId, drift, corrected: fix ? await this.correct(accountId, drift, now) : 0 });
    }
    return report;
  }

  private async correct(accountId: string, drift: Drift[], now: Date): Promise<number> {
    let corrected = 0;
    const gone = drift.filter((d) => d.kind === 'counted-but-gone').map((d) => d.imageId);
    if (gone.length > 0) {
      await this.commands.execute({ type: 'FreeStorage', accountId, imageIds: gone, now }, 'quota-reconciliation');
      corrected += gone.length;
    }
    for (const d of drift) {
      if (d.kind !== 'present-but-uncounted') continue;
      const commit = {
        type: 'CommitStorage' as const,
        accountId,
        imageId: d.imageId,
        reservationId: null,
        bytes: d.bytes,
      };
      await this.commands.execute({ ...commit, defaultPlan: this.plans.defaultPlan(), now }, 'quota-reconciliation');
      corrected += 1;
    }
    return corrected;
  }
}

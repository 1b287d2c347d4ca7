import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER } from '@mi/eventstore';
import type { Logger } from 'pino';
import { AccountCommands } from '../account-commands.service';
import { AccountsRepository } from '../accounts-view/accounts.repository';
import { QUOTA_CONFIG, type QuotaConfig } from '../quota.config';

/**
 * A reservation that sees no outcome (the gateway died mid-upload, ingest never started) would
 * hold room forever: this sweep releases reservations past their time, reason `expired`.
 */
@Injectable()
export class ExpireReservationsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(AccountCommands) private readonly commands: AccountCommands,
    @Inject(QUOTA_CONFIG) private readonly config: QuotaConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns how many accounts had reservations released. */
  async sweep(now = new Date()): Promise<number> {
    let released = 0;
    for (const accountId of await this.accounts.withExpiredReservations(now)) {
      const { decided } = await this.commands.execute({ type: 'ExpireReservations', accountId, now }, 'quota-sweep');
      if (decided) released += 1;
    }
    if (released > 0) this.logger.info({ accounts: released }, 'released expired reservations');
    return released;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep().catch((err) => this.logger.warn({ err }, 'reservation sweep failed')),
      this.config.RESERVATION_SWEEP_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { OWNER_HEADER, parseBody } from '@mi/platform';
import { z } from 'zod';
import { AccountCommands } from '../account-commands.service';
import { callersAccount } from '../accounts-view/memory.controller';
import { ReservationClosed } from '../domain/account.errors';
import { AccountPlans } from '../plans/account-plans';
import { QUOTA_CONFIG, type QuotaConfig } from '../quota.config';

const ReserveRequestSchema = z.object({
  /** The upload id (it becomes the image id): catalog's outcome events settle it. */
  reservationId: z.string().min(1).max(128),
  bytes: z.number().int().nonnegative(),
  /** An upload of unknown size (chunked): hold what is free, up to `bytes`. */
  upTo: z.boolean().optional(),
});

/**
 * Internal: the gateway reserves the declared size before streaming an upload (upload saga
 * step 1), so a user without room hears `MemoryLimitExceeded` before any byte moves.
 */
@Controller('internal/accounts')
export class ReserveStorageController {
  constructor(
    @Inject(AccountCommands) private readonly commands: AccountCommands,
    @Inject(AccountPlans) private readonly plans: AccountPlans,
    @Inject(QUOTA_CONFIG) private readonly config: QuotaConfig,
  ) {}

  /** Idempotent per reservation id: a retry answers the same reservation. */
  @Post(':email/reservations')
  @HttpCode(200)
  async reserve(@Param('email') email: string, @Headers(OWNER_HEADER) owner: string, @Body() body: unknown) {
    const { reservationId, bytes, upTo } = parseBody(ReserveRequestSchema, body);
    const accountId = callersAccount(email, owner);
    const { state } = await this.commands.execute(
      {
        type: 'ReserveStorage',
        accountId,
        reservationId,
        bytes,
        upTo,
        ttlMs: this.config.RESERVATION_TTL_MS,
        defaultPlan: this.plans.defaultPlan(),
        now: new Date(),
      },
      accountId,
    );
    const reservation = state.reservations.find((r) => r.reservationId === reservationId);
    if (!reservation) throw new ReservationClosed(reservationId);
    return { reservationId, bytes: reservation.bytes, expiresAt: reservation.expiresAt };
  }

  /** The gateway gives room back when an upload fails before ingest saw it (no event will come). */
  @Delete(':email/reservations/:reservationId')
  @HttpCode(204)
  async release(
    @Param('email') email: string,
    @Headers(OWNER_HEADER) owner: string,
    @Param('reservationId') reservationId: string,
  ) {
    const accountId = callersAccount(email, owner);
    const now = new Date();
    await this.commands.execute(
      { type: 'ReleaseReservation', accountId, reservationId, reason: 'cancelled', now },
      accountId,
    );
  }
}

import { Controller, Get, Inject, Param } from '@nestjs/common';
import { AccountPlans } from '../plans/account-plans';
import { toMemoryResponse } from './account.view';
import { AccountsRepository } from './accounts.repository';

/** The user id is the email, trimmed and lower-cased (identity.events). */
export const accountIdOf = (email: string) => email.trim().toLowerCase();

/**
 * Internal: API.md's Memory object, which the gateway relays for `GET /rest/rasters/memory`.
 * An account quota has not heard of yet answers its default plan with nothing used: that is
 * exactly what it will open on at its first reservation.
 */
@Controller('internal/accounts')
export class MemoryController {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(AccountPlans) private readonly plans: AccountPlans,
  ) {}

  @Get(':email/memory')
  async memory(@Param('email') email: string) {
    const view = await this.accounts.find(accountIdOf(email));
    if (!view) {
      const plan = this.plans.planOf(null);
      return toMemoryResponse({ limitBytes: plan.storageLimitBytes, usedBytes: 0, reservedBytes: 0 }, plan);
    }
    return toMemoryResponse(view, this.plans.planOf(view.plan));
  }
}

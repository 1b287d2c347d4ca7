import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { DomainError } from '@mi/contracts';
import { OWNER_HEADER } from '@mi/platform';
import { AccountPlans } from '../plans/account-plans';
import { toMemoryResponse } from './account.view';
import { AccountsRepository } from './accounts.repository';

/** The user id is the email, trimmed and lower-cased (identity.events). */
export const accountIdOf = (email: string) => email.trim().toLowerCase();

export class AccountNotFound extends DomainError {
  constructor(account: string) {
    super('NotFound', { path: null }, `account ${account} is not the caller's`);
  }
}

/** The account a route names, which must be the verified caller's own: no call touches another's. */
export function callersAccount(email: string, owner: string | undefined): string {
  const accountId = accountIdOf(email);
  if (!owner || accountIdOf(owner) !== accountId) throw new AccountNotFound(accountId);
  return accountId;
}

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
  async memory(@Param('email') email: string, @Headers(OWNER_HEADER) owner: string) {
    const view = await this.accounts.find(callersAccount(email, owner));
    if (!view) {
      const plan = this.plans.planOf(null);
      return toMemoryResponse({ limitBytes: plan.storageLimitBytes, usedBytes: 0, reservedBytes: 0 }, plan);
    }
    return toMemoryResponse(view, this.plans.planOf(view.plan));
  }
}

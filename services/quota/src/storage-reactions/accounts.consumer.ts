import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Envelope, IdentityEvent } from '@mi/contracts';
import { AccountCommands } from '../account-commands.service';
import { AccountPlans } from '../plans/account-plans';

/**
 * openAccountWhenUserRegistered / applyPlanWhenPlanChanged: the limit is the plan catalog's;
 * the identity event's stream version makes a replayed registration change nothing.
 */
@Controller()
export class AccountsConsumer {
  constructor(
    @Inject(AccountCommands) private readonly commands: AccountCommands,
    @Inject(AccountPlans) private readonly plans: AccountPlans,
  ) {}

  @EventPattern(['identity.UserRegistered', 'identity.PlanChanged'])
  async onIdentityEvent(@Payload() envelope: Envelope) {
    const event = envelope as unknown as IdentityEvent;
    const { userId, plan } = event.data;
    const type = event.type === 'identity.UserRegistered' ? 'OpenAccount' : 'ApplyPlan';
    const { decided } = await this.commands.execute({
      type,
      accountId: userId,
      ...this.plans.limitOf(plan),
      identityVersion: envelope.version,
      now: new Date(),
    });
    return decided ? 'applied' : 'skipped-duplicate';
  }
}

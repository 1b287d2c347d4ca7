import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { QUOTA_EVENTS, type Envelope } from '@mi/contracts';
import { AccountCommands } from '../account-commands.service';

/**
 * Catches the accounts view up from quota.events: a process killed between append and view
 * write leaves the row behind, and this brings it to the stream's state (version-guarded).
 */
@Controller()
export class AccountsViewConsumer {
  constructor(@Inject(AccountCommands) private readonly commands: AccountCommands) {}

  @EventPattern(QUOTA_EVENTS.map((d) => d.type))
  onQuotaEvent(@Payload() envelope: Envelope) {
    return this.commands.refreshView(envelope.streamId);
  }
}

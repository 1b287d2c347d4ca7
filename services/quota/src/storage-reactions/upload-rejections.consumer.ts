import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Envelope, UploadRejected } from '@mi/contracts';
import { AccountCommands } from '../account-commands.service';

/** releaseStorageWhenUploadRejected: a failed or refused upload gives its reservation back. */
@Controller()
export class UploadRejectionsConsumer {
  constructor(@Inject(AccountCommands) private readonly commands: AccountCommands) {}

  @EventPattern('ingest.UploadRejected')
  async onUploadRejected(@Payload() envelope: Envelope) {
    const { uploadId, ownerId } = envelope.data as UploadRejected['data'];
    const { decided } = await this.commands.execute({
      type: 'ReleaseReservation',
      accountId: ownerId,
      reservationId: uploadId,
      reason: 'upload-rejected',
      now: new Date(),
    });
    return decided ? 'applied' : 'skipped-duplicate';
  }
}

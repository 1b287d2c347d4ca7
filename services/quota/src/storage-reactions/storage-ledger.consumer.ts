import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { CatalogEvent, Envelope } from '@mi/contracts';
import { AccountCommands } from '../account-commands.service';
import type { AccountCommand } from '../domain/account.decider';
import { AccountPlans } from '../plans/account-plans';

/**
 * The ledger follows the catalog (upload saga step 5, and deletions):
 * commitStorageWhenImageAccepted (actual size, consuming the upload's reservation),
 * releaseStorageWhenImageRejected, freeStorageWhenImageDeleted, freeStorageWhenMosaicDeleted.
 * The decider counts each image once, so a redelivered event changes nothing.
 */
@Controller()
export class StorageLedgerConsumer {
  constructor(
    @Inject(AccountCommands) private readonly commands: AccountCommands,
    @Inject(AccountPlans) private readonly plans: AccountPlans,
  ) {}

  private commandFor(event: CatalogEvent, now: Date): AccountCommand | null {
    switch (event.type) {
      case 'catalog.ImageAccepted': {
        const { ownerId, imageId, uploadId, fileSize } = event.data;
        const defaultPlan = this.plans.defaultPlan();
        return {
          type: 'CommitStorage',
          accountId: ownerId,
          imageId,
          reservationId: uploadId,
          bytes: fileSize,
          defaultPlan,
          now,
        };
      }
      case 'catalog.ImageRejected': {
        const { ownerId, uploadId } = event.data;
        return {
          type: 'ReleaseReservation',
          accountId: ownerId,
          reservationId: uploadId,
          reason: 'image-rejected',
          now,
        };
      }
      case 'catalog.ImageDeleted':
        return { type: 'FreeStorage', accountId: event.data.ownerId, imageIds: [event.data.imageId], now };
      case 'catalog.MosaicDeleted': {
        const imageIds = event.data.images.map((i) => i.imageId);
        return imageIds.length > 0 ? { type: 'FreeStorage', accountId: event.data.ownerId, imageIds, now } : null;
      }
      default:
        return null;
    }
  }

  @EventPattern(['catalog.ImageAccepted', 'catalog.ImageRejected', 'catalog.ImageDeleted', 'catalog.MosaicDeleted'])
  async onCatalogEvent(@Payload() envelope: Envelope) {
    const command = this.commandFor(envelope as unknown as CatalogEvent, new Date());
    if (!command) return 'ignored';
    const { decided } = await this.commands.execute(command);
    return decided ? 'applied' : 'skipped-duplicate';
  }
}

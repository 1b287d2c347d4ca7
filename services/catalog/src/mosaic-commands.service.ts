import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import { mosaicDecider, type Mosaic, type MosaicCommand, type MosaicEvent } from './domain/mosaic.decider';
import { CatalogViews } from './catalog-views.service';

/**
 * Runs a command on a Mosaic stream, publishes through the outbox, and catches the read models
 * up at once, so the caller reads its own write; the Kafka path then finds nothing new. The
 * catch-up is the views' one write path: it also applies any earlier event of the stream whose
 * own apply failed. Every use case that changes a mosaic goes through here.
 */
@Injectable()
export class MosaicCommands {
  private readonly handler: CommandHandler<MosaicCommand, Mosaic, MosaicEvent>;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    @Inject(CatalogViews) private readonly views: CatalogViews,
  ) {
    this.handler = new CommandHandler(store, 'Mosaic', mosaicDecider, { onCommitted: (c) => relay.committed(c) });
  }

  /** Returns whether anything was decided (false: the command changed nothing). */
  async execute(command: MosaicCommand): Promise<boolean> {
    const { commit } = await this.handler.handle(command.mosaicId, command, eventMetadata({ actor: command.ownerId }));
    if (commit) await this.views.catchUp(command.mosaicId);
    return commit !== null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import { mosaicDecider, type Mosaic, type MosaicCommand, type MosaicEvent } from './domain/mosaic.decider';
import { ImagesRepository } from './images-view/images.repository';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';
import { UploadOutcomesRepository } from './upload-outcomes/upload-outcomes.repository';

/**
 * Runs a command on a Mosaic stream, publishes through the outbox, and applies the new events to
 * the read models at once, so the caller reads its own write; the Kafka path then finds them
 * applied. Every use case that changes a mosaic goes through here.
 */
@Injectable()
export class MosaicCommands {
  private readonly handler: CommandHandler<MosaicCommand, Mosaic, MosaicEvent>;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    @Inject(MosaicsRepository) private readonly mosaics: MosaicsRepository,
    @Inject(ImagesRepository) private readonly images: ImagesRepository,
    @Inject(UploadOutcomesRepository) private readonly outcomes: UploadOutcomesRepository,
  ) {
    this.handler = new CommandHandler(store, 'Mosaic', mosaicDecider, { onCommitted: (c) => relay.committed(c) });
  }

  /** Returns whether anything was decided (false: the command changed nothing). */
  async execute(command: MosaicCommand): Promise<boolean> {
    const { commit } = await this.handler.handle(command.mosaicId, command, eventMetadata({ actor: command.ownerId }));
    for (const event of commit?.events ?? []) {
      await this.mosaics.apply(event);
      await this.images.apply(event);
      await this.outcomes.apply(event);
    }
    return commit !== null;
  }
}

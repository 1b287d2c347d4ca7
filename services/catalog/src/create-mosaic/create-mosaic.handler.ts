import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import { v7 as uuidv7 } from 'uuid';
import { mosaicDecider, type Mosaic, type MosaicCommand, type MosaicEvent } from '../domain/mosaic.decider';
import { MosaicsRepository } from '../mosaics-view/mosaics.repository';
import type { MosaicView } from '../mosaics-view/mosaic.view';

export interface CreateMosaicInput {
  ownerId: string;
  name: string;
  tags: string[];
}

@Injectable()
export class CreateMosaicHandler {
  private readonly commands: CommandHandler<MosaicCommand, Mosaic, MosaicEvent>;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    private readonly mosaics: MosaicsRepository,
  ) {
    this.commands = new CommandHandler(store, 'Mosaic', mosaicDecider, { onCommitted: (c) => relay.committed(c) });
  }

  async execute(input: CreateMosaicInput): Promise<MosaicView> {
    const mosaicId = uuidv7();
    const { commit } = await this.commands.handle(
      mosaicId,
      { type: 'CreateMosaic', mosaicId, ownerId: input.ownerId, name: input.name, tags: input.tags, now: new Date() },
      eventMetadata({ actor: input.ownerId }),
    );
    // Read-your-writes: the caller lists the mosaic at once; the Kafka path then finds it applied.
    for (const event of commit!.events) await this.mosaics.apply(event);
    return (await this.mosaics.findOwned(input.ownerId, mosaicId))!;
  }
}

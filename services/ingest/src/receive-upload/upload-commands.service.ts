import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import type { IngestEvent } from '@mi/contracts';
import { uploadDecider, type Upload, type UploadCommand } from '../domain/upload.decider';
import { UploadsRepository } from '../uploads-view/uploads.repository';

/** Runs a command on an Upload stream, publishes through the outbox, updates the uploads view. */
@Injectable()
export class UploadCommands {
  private readonly handler: CommandHandler<UploadCommand, Upload, IngestEvent>;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
  ) {
    this.handler = new CommandHandler(store, 'Upload', uploadDecider, { onCommitted: (c) => relay.committed(c) });
  }

  async execute(uploadId: string, command: UploadCommand, actor: string): Promise<Upload> {
    const { state, commit } = await this.handler.handle(uploadId, command, eventMetadata({ actor }));
    for (const event of commit?.events ?? []) await this.uploads.apply(event);
    return state;
  }
}

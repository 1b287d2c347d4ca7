import { Inject, Injectable } from '@nestjs/common';
import type { PreviewsEvent } from '@mi/contracts';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import { previewDecider, type Preview, type PreviewCommand } from './domain/preview.decider';
import { PreviewsRepository } from './previews-view/previews.repository';
import { RenderQueue } from './render/render-queue.repository';

const imageIdOf = (command: PreviewCommand) => ('ref' in command ? command.ref.imageId : command.imageId);

/**
 * Runs a command on a Preview stream (id = the image id), publishes through the outbox, and
 * brings the view and the render queue in line with the new state at once.
 */
@Injectable()
export class PreviewCommands {
  private readonly handler: CommandHandler<PreviewCommand, Preview, PreviewsEvent>;

  constructor(
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    @Inject(PreviewsRepository) private readonly previews: PreviewsRepository,
    @Inject(RenderQueue) private readonly queue: RenderQueue,
  ) {
    this.handler = new CommandHandler(store, 'Preview', previewDecider, {
      onCommitted: (c) => relay.committed(c),
    });
  }

  async execute(command: PreviewCommand): Promise<{ state: Preview; decided: boolean }> {
    const imageId = imageIdOf(command);
    const { state, version, commit } = await this.handler.handle(imageId, command, eventMetadata());
    if (commit) await this.follow(imageId, state, version);
    return { state, decided: commit !== null };
  }

  async state(imageId: string): Promise<Preview> {
    return (await this.handler.load(imageId)).state;
  }

  /** Brings the view and queue up to the stream (after a crash between append and these writes). */
  async refresh(imageId: string): Promise<'applied' | 'skipped-duplicate'> {
    const { state, version } = await this.handler.load(imageId);
    return this.follow(imageId, state, version);
  }

  private async follow(imageId: string, state: Preview, version: number) {
    if (state.status === 'pending') await this.queue.enqueue(imageId);
    else await this.queue.done(imageId);
    return this.previews.save(imageId, state, version);
  }
}

import type { Envelope, EventMetadata } from '@mi/contracts';
import { ConcurrencyConflict, type CommitDocument } from './commit';
import type { Decider } from './decider';
import type { MongoEventStore } from './mongo-event-store';
import type { MongoSnapshotStore } from './snapshot-store';

export interface CommandResult<TState> {
  state: TState;
  version: number;
  /** Null when the decider decided nothing needed to happen. */
  commit: CommitDocument | null;
}

export interface CommandHandlerOptions {
  maxAttempts?: number;
  snapshots?: MongoSnapshotStore;
  /** Take a snapshot when this many events were read on top of the last one. */
  snapshotEvery?: number;
  /** Called after a successful append, e.g. to publish through the outbox at once. */
  onCommitted?: (commit: CommitDocument) => void;
}

/**
 * Loads a stream, runs the decider, appends; on a concurrency conflict reloads and decides again
 * (bounded), so concurrent commands on one stream all land, each on the state it really saw.
 */
export class CommandHandler<TCommand, TState, TEvent extends { type: string; data: unknown }> {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: MongoEventStore,
    private readonly streamType: string,
    private readonly decider: Decider<TCommand, TState, TEvent>,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  async load(streamId: string): Promise<{ state: TState; version: number }> {
    const snapshot = await this.options.snapshots?.load<TState>(streamId);
    let state = snapshot?.state ?? this.decider.initialState;
    let version = snapshot?.version ?? 0;
    const events = await this.store.readStream(streamId, version);
    for (const event of events) {
      state = this.decider.evolve(state, this.toDomainEvent(event));
      version = event.version;
    }
    const every = this.options.snapshotEvery;
    if (this.options.snapshots && every && events.length >= every) {
      await this.options.snapshots.save(streamId, version, state);
    }
    return { state, version };
  }

  async handle(streamId: string, command: TCommand, metadata: EventMetadata): Promise<CommandResult<TState>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(streamId);
      const events = this.decider.decide(command, state);
      if (events.length === 0) return { state, version, commit: null };
      try {
        const commit = await this.store.append({
          streamId,
          streamType: this.streamType,
          expectedVersion: version,
          events,
          metadata,
        });
        this.options.onCommitted?.(commit);
        const next = events.reduce((s, e) => this.decider.evolve(s, e), state);
        return { state: next, version: commit.lastVersion, commit };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || attempt >= this.maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  private toDomainEvent(envelope: Envelope): TEvent {
    return { type: envelope.type, data: envelope.data } as TEvent;
  }
}

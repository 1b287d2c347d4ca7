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
  /** Take a snapshot every this many events of a stream. */
  snapshotEvery?: number;
  /** How many streams' last state to keep in memory (least recently used go first). */
  cachedStreams?: number;
  /** Called after a successful append, e.g. to publish through the outbox at once. */
  onCommitted?: (commit: CommitDocument) => void;
}

/**
 * Loads a stream, runs the decider, appends; on a concurrency conflict reloads and decides again
 * (bounded), so concurrent commands on one stream all land, each on the state it really saw.
 * Within one process, commands on the same stream queue up instead of racing: conflicts are
 * left to what only replicas can cause.
 */
export class CommandHandler<TCommand, TState, TEvent extends { type: string; data: unknown }> {
  private readonly maxAttempts: number;
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Last state this process saw per stream: a hint (newer commits are still read), bounded. */
  private readonly recent = new Map<string, { state: TState; version: number }>();

  constructor(
    private readonly store: MongoEventStore,
    private readonly streamType: string,
    private readonly decider: Decider<TCommand, TState, TEvent>,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 40;
  }

  async load(streamId: string): Promise<{ state: TState; version: number }> {
    const known = this.recent.get(streamId) ?? (await this.options.snapshots?.load<TState>(streamId));
    let state = known?.state ?? this.decider.initialState;
    let version = known?.version ?? 0;
    const events = await this.store.readStream(streamId, version);
    for (const event of events) {
      state = this.decider.evolve(state, this.toDomainEvent(event));
      version = event.version;
    }
    this.remember(streamId, state, version);
    return { state, version };
  }

  /** A snapshot each time a stream crosses a multiple of `snapshotEvery` events. */
  private async snapshotIfDue(streamId: string, from: number, to: number, state: TState): Promise<void> {
    const every = this.options.snapshotEvery;
    if (!this.options.snapshots || !every || Math.floor(from / every) === Math.floor(to / every)) return;
    await this.options.snapshots.save(streamId, to, state);
  }

  private remember(streamId: string, state: TState, version: number): void {
    this.recent.delete(streamId);
    this.recent.set(streamId, { state, version });
    if (this.recent.size > (this.options.cachedStreams ?? 1000)) {
      this.recent.delete(this.recent.keys().next().value!);
    }
  }

  handle(streamId: string, command: TCommand, metadata: EventMetadata): Promise<CommandResult<TState>> {
    const previous = this.queues.get(streamId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.decideAndAppend(streamId, command, metadata));
    this.queues.set(streamId, run);
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(streamId) === run) this.queues.delete(streamId);
      });
    return run;
  }

  private async decideAndAppend(
    streamId: string,
    command: TCommand,
    metadata: EventMetadata,
  ): Promise<CommandResult<TState>> {
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
        this.remember(streamId, next, commit.lastVersion);
        await this.snapshotIfDue(streamId, version, commit.lastVersion, next);
        return { state: next, version: commit.lastVersion, commit };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || attempt >= this.maxAttempts) throw error;
        // Full jitter, exponential, capped: losers spread out instead of colliding again.
        const delay = Math.random() * Math.min(200, 2 ** attempt);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private toDomainEvent(envelope: Envelope): TEvent {
    return { type: envelope.type, data: envelope.data } as TEvent;
  }
}

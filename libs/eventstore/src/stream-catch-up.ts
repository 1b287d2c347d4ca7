import type { Envelope } from '@mi/contracts';
import type { MongoEventStore } from './mongo-event-store';
import { positionOf } from './stream-position';
import type { MongoStreamCheckpoints } from './stream-checkpoints';

/** Applies one event on top of `applied`, the version before it; must be idempotent per version. */
export type ApplyInOrder = (event: Envelope, applied: number) => Promise<void>;

export interface CatchUpResult {
  /** Events applied by this call (0: the projection had them all). */
  applied: number;
  /** The stream version the projection has applied through. */
  version: number;
}

/** The store handed back a stream with a hole in it: nothing after the hole may be applied. */
export class StreamGap extends Error {
  constructor(
    readonly streamId: string,
    readonly applied: number,
    readonly version: number,
  ) {
    super(`stream ${streamId}: event ${version} does not follow ${applied}`);
  }
}

/**
 * The one write path of a projection over streams its own service stores. Whoever calls it
 * (the command path right after its append, the consumer on each delivered event, a rebuild)
 * reads the store from the projection's checkpoint on and applies every event in order, so an
 * event whose apply failed is picked up by the next catch-up instead of being skipped.
 *
 * The checkpoint moves at commit boundaries only, because the store reads a stream from a commit
 * boundary. A crash after applying and before checkpointing re-applies that commit, which the
 * projection's per-version row guards turn into no-ops. Catch-ups of one stream run one at a time
 * in a process; across replicas the row guards keep concurrent ones from moving a row backwards.
 */
export class StreamCatchUp {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: MongoEventStore,
    private readonly checkpoints: MongoStreamCheckpoints,
    /** The projection's checkpoint name. */
    private readonly name: string,
    private readonly apply: ApplyInOrder,
  ) {}

  /** `fromStart`: ignore the checkpoint and re-apply the whole stream (rows were dropped). */
  catchUp(streamId: string, options: { fromStart?: boolean } = {}): Promise<CatchUpResult> {
    const previous = this.queues.get(streamId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(streamId, options.fromStart ?? false));
    this.queues.set(streamId, run);
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(streamId) === run) this.queues.delete(streamId);
      });
    return run;
  }

  private async run(streamId: string, fromStart: boolean): Promise<CatchUpResult> {
    const checkpoint = await this.checkpoints.lastVersion(this.name, streamId);
    let version = fromStart ? 0 : checkpoint;
    let applied = 0;
    for (const commit of await this.store.readCommits(streamId, version)) {
      for (const event of commit.events) {
        if (positionOf(version, event.version) !== 'next') throw new StreamGap(streamId, version, event.version);
        await this.apply(event, version);
        version = event.version;
        applied += 1;
      }
      await this.checkpoints.save(this.name, streamId, commit.lastVersion);
    }
    return { applied, version: Math.max(version, checkpoint) };
  }
}

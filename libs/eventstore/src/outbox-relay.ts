import type { Logger } from 'pino';
import type { CommitDocument } from './commit';
import type { EventPublisher } from './event-publisher.port';
import type { MongoEventStore } from './mongo-event-store';

export interface OutboxRelayOptions {
  topic: string;
  /** How often the sweep looks for commits left unpublished (after a crash or a Kafka outage). */
  sweepIntervalMs?: number;
  /** A commit younger than this is still being published by the path that appended it. */
  graceMs?: number;
  batchSize?: number;
}

/**
 * Publishes committed events to Kafka, then marks their commits published. Right after an
 * append it publishes that stream; a periodic sweep publishes whatever a crash or an outage left
 * behind. Each stream is published oldest commit first, so Kafka keeps stream order per key.
 * Delivery is at-least-once: a crash after sending and before marking sends again.
 */
export class OutboxRelay {
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly store: MongoEventStore,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {}

  /** Fire-and-forget publish of a fresh commit; failures are left to the sweep. */
  committed(commit: CommitDocument): void {
    this.publishStream(commit.streamId).catch((error) =>
      this.logger.warn({ err: error, streamId: commit.streamId }, 'publish after append failed; the sweep retries'),
    );
  }

  /** Publishes every unpublished commit of a stream in order; one run per stream at a time. */
  publishStream(streamId: string): Promise<void> {
    const previous = this.inFlight.get(streamId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => this.publishPending(streamId))
      .finally(() => {
        if (this.inFlight.get(streamId) === run) this.inFlight.delete(streamId);
      });
    this.inFlight.set(streamId, run);
    return run;
  }

  async sweep(): Promise<number> {
    const olderThan = new Date(Date.now() - (this.options.graceMs ?? 2000));
    const streams = await this.store.streamsWithUnpublishedCommits(olderThan, this.options.batchSize ?? 500);
    for (const streamId of streams) await this.publishStream(streamId);
    if (streams.length > 0) this.logger.info({ streams: streams.length }, 'outbox sweep published stale commits');
    return streams.length;
  }

  start(): void {
    const interval = this.options.sweepIntervalMs ?? 5000;
    this.sweeping = this.sweep()
      .then(() => undefined)
      .catch((error) => this.logger.warn({ err: error }, 'outbox sweep failed'));
    this.timer = setInterval(() => {
      this.sweeping = this.sweep()
        .then(() => undefined)
        .catch((error) => this.logger.warn({ err: error }, 'outbox sweep failed'));
    }, interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async publishPending(streamId: string): Promise<void> {
    const commits = await this.store.readCommits(streamId, await this.store.publishedThrough(streamId));
    for (const commit of commits) {
      if (commit.published) continue;
      await this.publisher.publish(this.options.topic, commit.events);
      await this.store.markPublished(commit._id);
    }
    if (commits.length > 0) await this.store.setPublishedThrough(streamId, commits.at(-1)!.lastVersion);
  }
}

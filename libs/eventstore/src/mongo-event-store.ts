import type { Collection, Db } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { currentDefinitionOf, type Envelope, type EventDefinition, type EventMetadata } from '@mi/contracts';
import { ConcurrencyConflict, type CommitDocument, type NewEvent } from './commit';

export interface EventStoreOptions {
  collection?: string;
  now?: () => Date;
  newEventId?: () => string;
  /** The schema each event type is written with; the contracts registry unless told. */
  definitionOf?: (type: string) => EventDefinition;
}

export interface AppendRequest {
  streamId: string;
  streamType: string;
  /** The stream version the decision was based on (0 for a new stream). */
  expectedVersion: number;
  events: NewEvent[];
  metadata: EventMetadata;
}

const DUPLICATE_KEY = 11000;

export class MongoEventStore {
  private readonly commits: Collection<CommitDocument>;
  private readonly progress: Collection<{ _id: string; version: number }>;
  private readonly now: () => Date;
  private readonly newEventId: () => string;
  private readonly definitionOf: (type: string) => EventDefinition;

  constructor(db: Db, options: EventStoreOptions = {}) {
    this.commits = db.collection<CommitDocument>(options.collection ?? 'commits');
    this.progress = db.collection<{ _id: string; version: number }>(
      `${options.collection ?? 'commits'}_outbox_progress`,
    );
    this.now = options.now ?? (() => new Date());
    this.newEventId = options.newEventId ?? uuidv7;
    this.definitionOf = options.definitionOf ?? currentDefinitionOf;
  }

  async init(): Promise<void> {
    await this.commits.createIndex({ published: 1, committedAt: 1 });
  }

  /** Appends one commit; throws ConcurrencyConflict when another writer took that version. */
  async append(request: AppendRequest): Promise<CommitDocument> {
    const { streamId, streamType, expectedVersion, events, metadata } = request;
    if (events.length === 0) throw new Error('a commit needs at least one event');
    const occurredAt = this.now();
    const envelopes: Envelope[] = events.map((event, i) => {
      // Checked on the way in, so a bug in a decider never reaches other teams' consumers.
      const definition = this.definitionOf(event.type);
      return {
        eventId: this.newEventId(),
        type: event.type,
        schemaVersion: definition.schemaVersion,
        streamId,
        streamType,
        version: expectedVersion + 1 + i,
        occurredAt: occurredAt.toISOString(),
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
        actor: metadata.actor,
        data: definition.schema.parse(event.data),
      };
    });
    const commit: CommitDocument = {
      _id: `${streamId}:${expectedVersion + 1}`,
      streamId,
      streamType,
      version: expectedVersion + 1,
      lastVersion: expectedVersion + events.length,
      events: envelopes,
      metadata,
      committedAt: occurredAt,
      published: false,
    };
    try {
      await this.commits.insertOne(commit);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw new ConcurrencyConflict(streamId, expectedVersion);
      throw error;
    }
    return commit;
  }

  /**
   * The stream's commits after `afterVersion`, in order. Each commit's `_id` names the next one
   * (`streamId:lastVersion+1`), so the read is a chain of primary-key lookups: the one access
   * path that stays fast on every backend we run on, FerretDB's SQLite handler included, where
   * secondary indexes do not serve these queries.
   */
  async readCommits(streamId: string, afterVersion = 0): Promise<CommitDocument[]> {
    const commits: CommitDocument[] = [];
    for (let next = afterVersion + 1; ;) {
      const commit = await this.commits.findOne({ _id: `${streamId}:${next}` });
      if (!commit) return commits;
      commits.push(commit);
      next = commit.lastVersion + 1;
    }
  }

  /** The stream's events after `afterVersion` (a commit boundary), in order. */
  async readStream(streamId: string, afterVersion = 0): Promise<Envelope[]> {
    return (await this.readCommits(streamId, afterVersion)).flatMap((c) => c.events);
  }

  /** How far the outbox relay has published this stream (a cache: the commits' flags rule). */
  async publishedThrough(streamId: string): Promise<number> {
    return (await this.progress.findOne({ _id: streamId }))?.version ?? 0;
  }

  async setPublishedThrough(streamId: string, version: number): Promise<void> {
    await this.progress.updateOne({ _id: streamId }, { $max: { version } }, { upsert: true });
  }

  /** Streams holding commits that stayed unpublished since before `olderThan`. */
  async streamsWithUnpublishedCommits(olderThan: Date, limit: number): Promise<string[]> {
    const stale = await this.commits
      .find({ published: false, committedAt: { $lt: olderThan } }, { projection: { streamId: 1 } })
      .sort({ committedAt: 1 })
      .limit(limit)
      .toArray();
    return [...new Set(stale.map((c) => c.streamId))];
  }

  async markPublished(commitId: string): Promise<void> {
    await this.commits.updateOne({ _id: commitId }, { $set: { published: true } });
  }
}

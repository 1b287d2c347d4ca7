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
  private readonly now: () => Date;
  private readonly newEventId: () => string;
  private readonly definitionOf: (type: string) => EventDefinition;

  constructor(db: Db, options: EventStoreOptions = {}) {
    this.commits = db.collection<CommitDocument>(options.collection ?? 'commits');
    this.now = options.now ?? (() => new Date());
    this.newEventId = options.newEventId ?? uuidv7;
    this.definitionOf = options.definitionOf ?? currentDefinitionOf;
  }

  async init(): Promise<void> {
    await this.commits.createIndex({ streamId: 1, version: 1 });
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

  /** The stream's events after `afterVersion`, in order. */
  async readStream(streamId: string, afterVersion = 0): Promise<Envelope[]> {
    const commits = await this.commits
      .find({ streamId, lastVersion: { $gt: afterVersion } })
      .sort({ version: 1 })
      .toArray();
    return commits.flatMap((c) => c.events).filter((e) => e.version > afterVersion);
  }

  async unpublishedCommitsOf(streamId: string): Promise<CommitDocument[]> {
    return this.commits.find({ streamId, published: false }).sort({ version: 1 }).toArray();
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

import type { Envelope, EventMetadata } from '@mi/contracts';

/**
 * One document per command (DESIGN.md §3). `_id` is `streamId:version` where `version` is the
 * position of the commit's first event: every writer that read the same stream head tries the
 * same `_id`, so the unique `_id` alone decides who wins, without transactions.
 */
export interface CommitDocument {
  _id: string;
  streamId: string;
  streamType: string;
  version: number;
  lastVersion: number;
  events: Envelope[];
  metadata: EventMetadata;
  committedAt: Date;
  published: boolean;
}

/** An event as a decider emits it, before the store gives it an envelope. */
export interface NewEvent {
  type: string;
  data: unknown;
}

export class ConcurrencyConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} moved past version ${expectedVersion}`);
  }
}

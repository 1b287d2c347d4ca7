import { z } from 'zod';
import { TOPICS } from '../topics';
import { defineEvent, type DomainEventOf } from './event-definition';

// The storage ledger of one account (stream id = the user's id, i.e. the normalized email).
// Used + reserved bytes change only through these events; limits come from the plan catalog and
// are recorded on the event, so the ledger reads the same whatever the catalog says later.

const AccountId = z.string().min(3).max(254);
const PlanId = z.string().min(1).max(64);
const Bytes = z.number().int().nonnegative();
const ReservationId = z.string().min(1).max(128);

export const AccountOpenedV1 = defineEvent({
  type: 'quota.AccountOpened',
  schemaVersion: 1,
  topic: TOPICS.quotaEvents,
  summary: "A user's storage account opened on a plan, with that plan's storage limit.",
  schema: z.object({
    accountId: AccountId,
    plan: PlanId,
    limitBytes: Bytes,
    identityVersion: z
      .number()
      .int()
      .nonnegative()
      .describe('Version of the identity stream the plan comes from; 0 = default plan, opened before identity said'),
    openedAt: z.iso.datetime(),
  }),
});

export const PlanAppliedV1 = defineEvent({
  type: 'quota.PlanApplied',
  schemaVersion: 1,
  topic: TOPICS.quotaEvents,
  summary: "An account's plan (and so its storage limit) changed.",
  schema: z.object({
    accountId: AccountId,
    plan: PlanId,
    limitBytes: Bytes,
    identityVersion: z.number().int().nonnegative(),
    appliedAt: z.iso.datetime(),
  }),
});

export const StorageReservedV1 = defineEvent({
  type: 'quota.StorageReserved',
  schemaVersion: 1,
  topic: TOPICS.quotaEvents,
  summary: 'Room for an upload was set aside before its bytes moved (the reservation id is the upload id).',
  schema: z.object({
    accountId: AccountId,
    reservationId: ReservationId,
    bytes: Bytes,
    expiresAt: z.iso.datetime(),
    reservedAt: z.iso.datetime(),
  }),
});

export const StorageCommittedV1 = defineEvent({
  type: 'quota.StorageCommitted',
  schemaVersion: 1,
  topic: TOPICS.quotaEvents,
  summary: 'An accepted image now counts as used, with its actual size; its reservation (if any) is consumed.',
  schema: z.object({
    accountId: AccountId,
    reservationId: ReservationId.nullable(),
    imageId: z.string().min(1),
    bytes: Bytes,
    /** What the consumed reservation held (0 without one): reserved bytes drop by this much. */
    reservedBytes: Bytes,
    committedAt: z.iso.datetime(),
  }),
});

export const ReservationReleasedV1 = defineEvent({
  type: 'quota.ReservationReleased',
  schemaVersion: 1,
  topic: TOPICS.quotaEvents,
  summary: 'A reservation ended without an image: rejected, failed, or expired.',
  schema: z.object({
    accountId: AccountId,
    reservationId: ReservationId,
    bytes: Bytes,
    reason: z.string().min(1).describe('upload-rejected, image-rejected, expired, or a caller-given reason'),
    releasedAt: z.iso.datetime(),
  }),
});

export const StorageFreedV1 = defineEvent({
  type: 'quota.StorageFreed',
  schemaVersion: 1,
  topic: TOPICS.quotaEvents,
  summary: 'A deleted image no longer counts as used (the bytes it was committed with).',
  schema: z.object({
    accountId: AccountId,
    imageId: z.string().min(1),
    bytes: Bytes,
    freedAt: z.iso.datetime(),
  }),
});

export const QUOTA_EVENTS = [
  AccountOpenedV1,
  PlanAppliedV1,
  StorageReservedV1,
  StorageCommittedV1,
  ReservationReleasedV1,
  StorageFreedV1,
] as const;

export type AccountOpened = DomainEventOf<typeof AccountOpenedV1>;
export type PlanApplied = DomainEventOf<typeof PlanAppliedV1>;
export type StorageReserved = DomainEventOf<typeof StorageReservedV1>;
export type StorageCommitted = DomainEventOf<typeof StorageCommittedV1>;
export type ReservationReleased = DomainEventOf<typeof ReservationReleasedV1>;
export type StorageFreed = DomainEventOf<typeof StorageFreedV1>;
export type QuotaEvent =
  AccountOpened | PlanApplied | StorageReserved | StorageCommitted | ReservationReleased | StorageFreed;

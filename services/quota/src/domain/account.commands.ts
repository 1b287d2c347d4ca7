/** A plan as the decider needs it: the catalog's id and storage limit, passed in, never looked up. */
export interface PlanLimit {
  plan: string;
  limitBytes: number;
}

/** From identity.UserRegistered; `identityVersion` is the identity event's stream version. */
export interface OpenAccount extends PlanLimit {
  type: 'OpenAccount';
  accountId: string;
  identityVersion: number;
  now: Date;
}

/** From identity.PlanChanged. */
export interface ApplyPlan extends PlanLimit {
  type: 'ApplyPlan';
  accountId: string;
  identityVersion: number;
  now: Date;
}

/**
 * Commands that may reach an account identity has not told us about yet (a user registered
 * before quota ran) carry the default plan: the account opens on it, and identity's own event
 * then applies the real plan.
 */
interface OpensOnDefault {
  accountId: string;
  defaultPlan: PlanLimit;
  now: Date;
}

export interface ReserveStorage extends OpensOnDefault {
  type: 'ReserveStorage';
  reservationId: string;
  bytes: number;
  /** Hold what is free when less than `bytes` (uploads of unknown size); refused only when nothing is. */
  upTo?: boolean;
  ttlMs: number;
}

/** From catalog.ImageAccepted: the actual size counts, whatever was reserved. */
export interface CommitStorage extends OpensOnDefault {
  type: 'CommitStorage';
  imageId: string;
  reservationId: string | null;
  bytes: number;
}

export interface ReleaseReservation {
  type: 'ReleaseReservation';
  accountId: string;
  reservationId: string;
  reason: string;
  now: Date;
}

export interface ExpireReservations {
  type: 'ExpireReservations';
  accountId: string;
  now: Date;
}

/** From catalog.ImageDeleted (one image) or catalog.MosaicDeleted (each of its images). */
export interface FreeStorage {
  type: 'FreeStorage';
  accountId: string;
  imageIds: string[];
  now: Date;
}

export type AccountCommand =
  OpenAccount | ApplyPlan | ReserveStorage | CommitStorage | ReleaseReservation | ExpireReservations | FreeStorage;

import type { QuotaEvent } from '@mi/contracts';
import type { Decider } from '@mi/eventstore';
import type { AccountCommand, ApplyPlan, CommitStorage, OpenAccount, ReserveStorage } from './account.commands';
import { MemoryLimitExceeded } from './account.errors';
import { availableBytes, evolve, initialAccount, type Account } from './account.state';

export type { Account } from './account.state';
export type { AccountCommand } from './account.commands';

/** An account a reservation or commit reaches before identity's event: it opens on the default plan. */
function openedIfNeeded(state: Account, command: ReserveStorage | CommitStorage): QuotaEvent[] {
  if (state.opened) return [];
  const { accountId, defaultPlan, now } = command;
  const data = { accountId, ...defaultPlan, identityVersion: 0, openedAt: now.toISOString() };
  return [{ type: 'quota.AccountOpened', data }];
}

/** Registration and plan changes both set the plan; an older identity event (a replay) is ignored. */
function decidePlan(command: OpenAccount | ApplyPlan, state: Account): QuotaEvent[] {
  const { accountId, plan, limitBytes, identityVersion, now } = command;
  if (!state.opened) {
    return [
      {
        type: 'quota.AccountOpened',
        data: { accountId, plan, limitBytes, identityVersion, openedAt: now.toISOString() },
      },
    ];
  }
  if (identityVersion <= state.identityVersion) return [];
  if (plan === state.plan && limitBytes === state.limitBytes) return [];
  return [
    { type: 'quota.PlanApplied', data: { accountId, plan, limitBytes, identityVersion, appliedAt: now.toISOString() } },
  ];
}

function expiredReservations(state: Account, accountId: string, now: Date): QuotaEvent[] {
  return state.reservations
    .filter((r) => Date.parse(r.expiresAt) <= now.getTime())
    .map((r) => ({
      type: 'quota.ReservationReleased' as const,
      data: {
        accountId,
        reservationId: r.reservationId,
        bytes: r.bytes,
        reason: 'expired',
        releasedAt: now.toISOString(),
      },
    }));
}

const fold = (state: Account, events: QuotaEvent[]) => events.reduce(evolve, state);

/**
 * Room is set aside only if used + reserved + bytes stays within the limit. Reservations already
 * past their time are released first, so a stale one never blocks a new upload.
 */
function decideReserve(command: ReserveStorage, state: Account): QuotaEvent[] {
  const { accountId, reservationId, bytes, ttlMs, now } = command;
  if (state.reservations.some((r) => r.reservationId === reservationId)) return [];
  if (state.closedReservations.includes(reservationId)) return [];
  if (state.images.some((i) => i.imageId === reservationId) || state.freedImages.includes(reservationId)) return [];
  const opened = openedIfNeeded(state, command);
  const expired = expiredReservations(state, accountId, now);
  const available = availableBytes(fold(state, [...opened, ...expired]));
  // An upload of unknown size holds what is free, up to what it may need; the commit then
  // counts its actual size and gives the rest back.
  const held = command.upTo ? Math.min(bytes, available) : bytes;
  if (held > available || (held <= 0 && bytes > 0)) throw new MemoryLimitExceeded(bytes, available);
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const reserved: QuotaEvent = {
    type: 'quota.StorageReserved',
    data: { accountId, reservationId, bytes: held, expiresAt, reservedAt: now.toISOString() },
  };
  return [...opened, ...expired, reserved];
}

/**
 * An accepted image counts with its actual size, once: its reservation (if still open) is
 * consumed. An image accepted without an open reservation (it expired, or the image was linked)
 * still counts, because the ledger must match what is stored.
 */
function decideCommit(command: CommitStorage, state: Account): QuotaEvent[] {
  const { accountId, imageId, reservationId, bytes, now } = command;
  if (state.images.some((i) => i.imageId === imageId) || state.freedImages.includes(imageId)) return [];
  const reservation = state.reservations.find((r) => r.reservationId === reservationId);
  const data = {
    accountId,
    reservationId: reservation ? reservation.reservationId : null,
    imageId,
    bytes,
    reservedBytes: reservation?.bytes ?? 0,
    committedAt: now.toISOString(),
  };
  return [...openedIfNeeded(state, command), { type: 'quota.StorageCommitted', data }];
}

export function decide(command: AccountCommand, state: Account): QuotaEvent[] {
  switch (command.type) {
    case 'OpenAccount':
    case 'ApplyPlan':
      return decidePlan(command, state);
    case 'ReserveStorage':
      return decideReserve(command, state);
    case 'CommitStorage':
      return decideCommit(command, state);
    case 'ReleaseReservation': {
      const { accountId, reservationId, reason, now } = command;
      const reservation = state.reservations.find((r) => r.reservationId === reservationId);
      if (!reservation) return [];
      const data = { accountId, reservationId, bytes: reservation.bytes, reason, releasedAt: now.toISOString() };
      return [{ type: 'quota.ReservationReleased', data }];
    }
    case 'ExpireReservations':
      return expiredReservations(state, command.accountId, command.now);
    case 'FreeStorage': {
      const { accountId, imageIds, now } = command;
      return state.images
        .filter((image) => imageIds.includes(image.imageId))
        .map(({ imageId, bytes }) => ({
          type: 'quota.StorageFreed' as const,
          data: { accountId, imageId, bytes, freedAt: now.toISOString() },
        }));
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export { evolve };

export const accountDecider: Decider<AccountCommand, Account, QuotaEvent> = {
  decide,
  evolve,
  initialState: initialAccount,
};

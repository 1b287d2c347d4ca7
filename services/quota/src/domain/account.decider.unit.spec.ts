import type { QuotaEvent } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decider';
import { MemoryLimitExceeded } from './account.errors';

const accountId = 'alice@example.com';
const now = new Date('2026-11-25T12:00:00.000Z');
const at = now.toISOString();
const ttlMs = 30 * 60_000;
const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
const later = new Date(now.getTime() + ttlMs + 1);
const free = { plan: 'free', limitBytes: 1000 };
const premium = { plan: 'premium', limitBytes: 10_000 };
const given = deciderSpec(accountDecider);

const opened = (plan = free, identityVersion = 1): QuotaEvent => ({
  type: 'quota.AccountOpened',
  data: { accountId, ...plan, identityVersion, openedAt: at },
});
const planApplied = (plan = premium, identityVersion = 2): QuotaEvent => ({
  type: 'quota.PlanApplied',
  data: { accountId, ...plan, identityVersion, appliedAt: at },
});
const reserved = (reservationId: string, bytes: number): QuotaEvent => ({
  type: 'quota.StorageReserved',
  data: { accountId, reservationId, bytes, expiresAt, reservedAt: at },
});
const committed = (imageId: string, bytes: number, reservedBytes: number, withReservation = true): QuotaEvent => ({
  type: 'quota.StorageCommitted',
  data: { accountId, reservationId: withReservation ? imageId : null, imageId, bytes, reservedBytes, committedAt: at },
});
const released = (reservationId: string, bytes: number, reason: string, when = at): QuotaEvent => ({
  type: 'quota.ReservationReleased',
  data: { accountId, reservationId, bytes, reason, releasedAt: when },
});
const freed = (imageId: string, bytes: number): QuotaEvent => ({
  type: 'quota.StorageFreed',
  data: { accountId, imageId, bytes, freedAt: at },
});

const open = (plan = free, identityVersion = 1): AccountCommand => ({
  type: 'OpenAccount',
  accountId,
  ...plan,
  identityVersion,
  now,
});
const applyPlan = (plan = premium, identityVersion = 2): AccountCommand => ({
  type: 'ApplyPlan',
  accountId,
  ...plan,
  identityVersion,
  now,
});
const reserve = (reservationId: string, bytes: number, when = now, upTo?: boolean): AccountCommand => ({
  type: 'ReserveStorage',
  accountId,
  reservationId,
  bytes,
  upTo,
  ttlMs,
  defaultPlan: free,
  now: when,
});
const commit = (imageId: string, bytes: number, reservationId: string | null = imageId): AccountCommand => ({
  type: 'CommitStorage',
  accountId,
  imageId,
  reservationId,
  bytes,
  defaultPlan: free,
  now,
});
const release = (reservationId: string, reason = 'upload-rejected'): AccountCommand => ({
  type: 'ReleaseReservation',
  accountId,
  reservationId,
  reason,
  now,
});
const freeImages = (...imageIds: string[]): AccountCommand => ({ type: 'FreeStorage', accountId, imageIds, now });

describe('Account decider: plans', () => {
  it('opens an account on the plan identity registered, with that plan’s limit', () =>
    given().when(open()).then([opened()]));

  it('opening twice decides nothing (a redelivered registration)', () => given(opened()).when(open()).then([]));

  it('applies a changed plan and its limit', () => given(opened()).when(applyPlan()).then([planApplied()]));

  it('ignores a plan event older than the one applied (replaying identity.events)', () => {
    given(opened(), planApplied()).when(open(free, 1)).then([]);
    given(opened(), planApplied()).when(applyPlan(premium, 2)).then([]);
  });

  it('opens on the changed plan when the plan change is the first it hears of the user', () =>
    given()
      .when(applyPlan())
      .then([opened(premium, 2)]));

  it('an account opened on the default plan takes the registered plan when identity catches up', () =>
    given(opened(free, 0))
      .when(open(premium, 1))
      .then([planApplied(premium, 1)]));
});

describe('Account decider: reservations', () => {
  it('reserves room that fits', () =>
    given(opened())
      .when(reserve('u1', 600))
      .then([reserved('u1', 600)]));

  it('reserves up to exactly the limit', () =>
    given(opened(), reserved('u1', 600))
      .when(reserve('u2', 400))
      .then([reserved('u2', 400)]));

  it('refuses with MemoryLimitExceeded when used + reserved + bytes is over the limit', () =>
    given(opened(), reserved('u1', 600), committed('u1', 500, 600), reserved('u2', 300))
      .when(reserve('u3', 201))
      .thenThrows(MemoryLimitExceeded, { memory_requested: 201, available_memory: 200 }));

  it('an upload of unknown size holds what is free when that is less than it asked for', () =>
    given(opened(), reserved('u1', 600))
      .when(reserve('u2', 1000, now, true))
      .then([reserved('u2', 400)]));

  it('an upload of unknown size holds all it asked for when that fits', () =>
    given(opened())
      .when(reserve('u2', 300, now, true))
      .then([reserved('u2', 300)]));

  it('an upload of unknown size is refused when nothing is free', () =>
    given(opened(), reserved('u1', 1000))
      .when(reserve('u2', 500, now, true))
      .thenThrows(MemoryLimitExceeded, { memory_requested: 500, available_memory: 0 }));

  it('a known reservation id decides nothing (the gateway retried)', () =>
    given(opened(), reserved('u1', 600)).when(reserve('u1', 600)).then([]));

  it('an ended reservation id decides nothing either', () => {
    given(opened(), reserved('u1', 600), released('u1', 600, 'upload-rejected'))
      .when(reserve('u1', 600))
      .then([]);
    given(opened(), reserved('u1', 600), committed('u1', 500, 600))
      .when(reserve('u1', 600))
      .then([]);
  });

  it('opens an unknown account on the default plan before reserving', () =>
    given()
      .when(reserve('u1', 600))
      .then([opened(free, 0), reserved('u1', 600)]));

  it('releases expired reservations first, so they never block a new upload', () => {
    const expiredAt = later.toISOString();
    given(opened(), reserved('u1', 800))
      .when(reserve('u2', 900, later))
      .then([
        released('u1', 800, 'expired', expiredAt),
        {
          type: 'quota.StorageReserved',
          data: {
            accountId,
            reservationId: 'u2',
            bytes: 900,
            expiresAt: new Date(later.getTime() + ttlMs).toISOString(),
            reservedAt: expiredAt,
          },
        },
      ]);
  });

  it('expires only reservations whose time passed', () => {
    const young: QuotaEvent = {
      type: 'quota.StorageReserved',
      data: {
        accountId,
        reservationId: 'u2',
        bytes: 100,
        expiresAt: new Date(later.getTime() + 1).toISOString(),
        reservedAt: at,
      },
    };
    given(opened(), reserved('u1', 300), young)
      .when({ type: 'ExpireReservations', accountId, now: later })
      .then([released('u1', 300, 'expired', later.toISOString())]);
    given(opened(), young).when({ type: 'ExpireReservations', accountId, now: later }).then([]);
  });
});

describe('Account decider: commit, release, free', () => {
  it('commits the actual bytes and consumes the reservation', () =>
    given(opened(), reserved('u1', 600))
      .when(commit('u1', 550))
      .then([committed('u1', 550, 600)]));

  it('an image committed once is never counted again (redelivered ImageAccepted)', () =>
    given(opened(), reserved('u1', 600), committed('u1', 550, 600))
      .when(commit('u1', 550))
      .then([]));

  it('commits an image that arrives without an open reservation: the ledger matches storage', () => {
    given(opened())
      .when(commit('u9', 100))
      .then([committed('u9', 100, 0, false)]);
    given(opened(), reserved('u1', 600), released('u1', 600, 'expired'))
      .when(commit('u1', 500))
      .then([committed('u1', 500, 0, false)]);
  });

  it('opens an unknown account on the default plan before committing', () =>
    given()
      .when(commit('u9', 100))
      .then([opened(free, 0), committed('u9', 100, 0, false)]));

  it('releases a reservation on a rejection', () =>
    given(opened(), reserved('u1', 600))
      .when(release('u1', 'image-rejected'))
      .then([released('u1', 600, 'image-rejected')]));

  it('releasing an unknown or already released reservation decides nothing', () => {
    given(opened()).when(release('u1')).then([]);
    given(opened(), reserved('u1', 600), released('u1', 600, 'upload-rejected'))
      .when(release('u1'))
      .then([]);
    given(opened(), reserved('u1', 600), committed('u1', 500, 600))
      .when(release('u1'))
      .then([]);
  });

  it('frees the bytes an image was committed with', () =>
    given(opened(), reserved('u1', 600), committed('u1', 550, 600))
      .when(freeImages('u1'))
      .then([freed('u1', 550)]));

  it('frees every committed image of a deleted mosaic, once each, and ignores the others', () =>
    given(opened(), committed('a', 100, 0, false), committed('b', 200, 0, false))
      .when(freeImages('a', 'b', 'b', 'never-committed'))
      .then([freed('a', 100), freed('b', 200)]));

  it('frees an image only once (redelivered deletion), and a late commit never recounts it', () => {
    const history = [opened(), committed('a', 100, 0, false), freed('a', 100)];
    given(...history)
      .when(freeImages('a'))
      .then([]);
    given(...history)
      .when(commit('a', 100))
      .then([]);
  });
});

describe('Account ledger invariants', () => {
  // A seeded walk through every command: at each step used stays within [0, limit] and
  // used + reserved never exceeds the limit, whatever the order of arrivals.
  it('keeps used storage between zero and the limit over any sequence of commands', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let state = [opened()].reduce(accountDecider.evolve, accountDecider.initialState);
    const ids = Array.from({ length: 12 }, (_, i) => `u${i}`);
    for (let step = 0; step < 5000; step++) {
      const id = ids[random(ids.length)];
      const when = new Date(now.getTime() + step * 60_000);
      const reservation = state.reservations.find((r) => r.reservationId === id);
      const commands: AccountCommand[] = [
        reserve(id, random(700), when),
        { ...commit(id, reservation ? random(reservation.bytes + 1) : 0), now: when } as AccountCommand,
        release(id),
        freeImages(id),
        { type: 'ExpireReservations', accountId, now: when },
      ];
      let events: QuotaEvent[] = [];
      try {
        events = accountDecider.decide(commands[random(commands.length)], state);
      } catch (error) {
        expect(error).toBeInstanceOf(MemoryLimitExceeded);
      }
      state = events.reduce(accountDecider.evolve, state);
      expect(state.usedBytes).toBeGreaterThanOrEqual(0);
      expect(state.reservedBytes).toBeGreaterThanOrEqual(0);
      expect(state.usedBytes + state.reservedBytes).toBeLessThanOrEqual(state.limitBytes);
      expect(state.usedBytes).toBe(state.images.reduce((sum, i) => sum + i.bytes, 0));
      expect(state.reservedBytes).toBe(state.reservations.reduce((sum, r) => sum + r.bytes, 0));
    }
  });
});

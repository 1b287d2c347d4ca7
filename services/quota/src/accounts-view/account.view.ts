import type { Plan } from '@mi/platform';
import type { Account } from '../domain/account.decider';

/** One row per account: its figures after the stream's `version`-th event. */
export interface AccountView {
  _id: string;
  plan: string | null;
  limitBytes: number;
  usedBytes: number;
  reservedBytes: number;
  openReservations: number;
  /** Earliest expiry of an open reservation (ISO), so the sweep finds due accounts by index. */
  nextExpiryAt: string | null;
  version: number;
}

export function toAccountView(accountId: string, state: Account, version: number): AccountView {
  const expiries = state.reservations.map((r) => r.expiresAt).sort();
  return {
    _id: accountId,
    plan: state.plan,
    limitBytes: state.limitBytes,
    usedBytes: state.usedBytes,
    reservedBytes: state.reservedBytes,
    openReservations: state.reservations.length,
    nextExpiryAt: expiries[0] ?? null,
    version,
  };
}

/** API.md's Memory object; an account quota has not heard of answers its plan with no usage. */
export function toMemoryResponse(view: Pick<AccountView, 'limitBytes' | 'usedBytes' | 'reservedBytes'>, plan: Plan) {
  return {
    memoryLimit: view.limitBytes,
    memoryUsed: view.usedBytes,
    memoryFree: Math.max(0, view.limitBytes - view.usedBytes - view.reservedBytes),
    maxUploadFileSize: plan.maxFileSizeBytes,
    maxPixelCount: plan.maxPixelsPerSide,
    memoryReserved: view.reservedBytes,
    plan: plan.id,
  };
}

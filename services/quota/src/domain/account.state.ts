import type { QuotaEvent } from '@mi/contracts';

/** Open reservations and committed images as lists: ids never become MongoDB field names. */
export interface Reservation {
  reservationId: string;
  bytes: number;
  expiresAt: string;
}

export interface CommittedImage {
  imageId: string;
  bytes: number;
}

export interface Account {
  opened: boolean;
  plan: string | null;
  limitBytes: number;
  /** Identity stream version the plan came from: an older plan event (a replay) changes nothing. */
  identityVersion: number;
  usedBytes: number;
  reservedBytes: number;
  reservations: Reservation[];
  images: CommittedImage[];
  /** Reservation ids that ended (committed or released): reserving them again decides nothing. */
  closedReservations: string[];
  /** Images freed once: a redelivered deletion, or a late commit, never counts them again. */
  freedImages: string[];
}

export const initialAccount: Account = {
  opened: false,
  plan: null,
  limitBytes: 0,
  identityVersion: 0,
  usedBytes: 0,
  reservedBytes: 0,
  reservations: [],
  images: [],
  closedReservations: [],
  freedImages: [],
};

export function availableBytes(state: Account): number {
  return Math.max(0, state.limitBytes - state.usedBytes - state.reservedBytes);
}

export function evolve(state: Account, event: QuotaEvent): Account {
  switch (event.type) {
    case 'quota.AccountOpened':
    case 'quota.PlanApplied': {
      const { plan, limitBytes, identityVersion } = event.data;
      return { ...state, opened: true, plan, limitBytes, identityVersion };
    }
    case 'quota.StorageReserved': {
      const { reservationId, bytes, expiresAt } = event.data;
      return {
        ...state,
        reservedBytes: state.reservedBytes + bytes,
        reservations: [...state.reservations, { reservationId, bytes, expiresAt }],
      };
    }
    case 'quota.StorageCommitted': {
      const { reservationId, imageId, bytes, reservedBytes } = event.data;
      return {
        ...state,
        usedBytes: state.usedBytes + bytes,
        reservedBytes: state.reservedBytes - reservedBytes,
        reservations: state.reservations.filter((r) => r.reservationId !== reservationId),
        images: [...state.images, { imageId, bytes }],
        closedReservations: reservationId ? [...state.closedReservations, reservationId] : state.closedReservations,
      };
    }
    case 'quota.ReservationReleased': {
      const { reservationId, bytes } = event.data;
      return {
        ...state,
        reservedBytes: state.reservedBytes - bytes,
        reservations: state.reservations.filter((r) => r.reservationId !== reservationId),
        closedReservations: [...state.closedReservations, reservationId],
      };
    }
    case 'quota.StorageFreed': {
      const { imageId, bytes } = event.data;
      return {
        ...state,
        usedBytes: state.usedBytes - bytes,
        images: state.images.filter((i) => i.imageId !== imageId),
        freedImages: [...state.freedImages, imageId],
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${String((unknown as { type: string }).type)}`);
    }
  }
}

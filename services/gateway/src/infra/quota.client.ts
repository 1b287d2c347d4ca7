import type { ServiceClient } from '@mi/platform';

/** The Memory object of API.md, as the quota service answers it. */
export interface Memory {
  memoryLimit: number;
  memoryUsed: number;
  memoryFree: number;
  maxUploadFileSize: number;
  maxPixelCount: number;
  memoryReserved: number;
  plan: string;
}

export interface Reservation {
  reservationId: string;
  bytes: number;
  expiresAt: string;
}

/** The gateway's calls into quota: reservations before uploads, and the Memory object. */
export class QuotaClient {
  constructor(private readonly client: ServiceClient) {}

  /** `upTo`: hold what is free when that is less than `bytes` (an upload of unknown size). */
  reserve(ownerId: string, reservationId: string, bytes: number, options: { upTo?: boolean } = {}) {
    return this.client.json<Reservation>('POST', `${this.account(ownerId)}/reservations`, this.caller(ownerId), {
      reservationId,
      bytes,
      ...options,
    });
  }

  /** Gives back a reservation whose upload never reached ingest (nothing else will settle it). */
  release(ownerId: string, reservationId: string): Promise<unknown> {
    return this.client.json(
      'DELETE',
      `${this.account(ownerId)}/reservations/${encodeURIComponent(reservationId)}`,
      this.caller(ownerId),
    );
  }

  memory(ownerId: string): Promise<Memory> {
    return this.client.json('GET', `${this.account(ownerId)}/memory`, this.caller(ownerId));
  }

  private caller(ownerId: string) {
    return { owner: ownerId, plan: null };
  }

  private account(ownerId: string): string {
    return `/internal/accounts/${encodeURIComponent(ownerId)}`;
  }
}

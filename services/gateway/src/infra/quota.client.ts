import { CORRELATION_HEADER, currentContext } from '@mi/platform';
import { UpstreamError } from './catalog.client';

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

/** The gateway's calls into quota: reservations before uploads, and the Memory object. */
export class QuotaClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  reserve(ownerId: string, reservationId: string, bytes: number): Promise<unknown> {
    return this.call('POST', `${this.account(ownerId)}/reservations`, { reservationId, bytes });
  }

  /** Gives back a reservation whose upload never reached ingest (nothing else will settle it). */
  release(ownerId: string, reservationId: string): Promise<unknown> {
    return this.call('DELETE', `${this.account(ownerId)}/reservations/${encodeURIComponent(reservationId)}`);
  }

  memory(ownerId: string): Promise<Memory> {
    return this.call('GET', `${this.account(ownerId)}/memory`) as Promise<Memory>;
  }

  private account(ownerId: string): string {
    return `/internal/accounts/${encodeURIComponent(ownerId)}`;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', [CORRELATION_HEADER]: currentContext()?.correlationId ?? '' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const payload = text ? (JSON.parse(text) as any) : null;
    if (response.ok) return payload;
    if (response.status < 500 && payload?.detail?.code) {
      throw new UpstreamError(response.status, payload.detail.code, payload.detail.parameters ?? {});
    }
    throw new Error(`quota answered ${response.status} to ${method} ${path}`);
  }
}

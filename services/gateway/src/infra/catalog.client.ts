import { DomainError } from '@mi/contracts';
import { CORRELATION_HEADER, currentContext, OWNER_HEADER } from '@mi/platform';

/** An error answer of an internal service, passed to the client as it came (same envelope). */
export class UpstreamError extends DomainError {
  constructor(
    readonly status: number,
    code: string,
    parameters: Record<string, unknown>,
  ) {
    super(code, parameters);
  }
}

/**
 * The gateway's one synchronous dependency on catalog (DESIGN.md §2): its internal HTTP API,
 * called with the authenticated owner and the request's correlation id.
 */
export class CatalogClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async request<T>(method: string, path: string, ownerId: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        [OWNER_HEADER]: ownerId,
        [CORRELATION_HEADER]: currentContext()?.correlationId ?? '',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const payload = (text ? JSON.parse(text) : null) as unknown;
    if (!response.ok) {
      const detail = (payload as { detail?: { code?: string; parameters?: Record<string, unknown> } } | null)?.detail;
      if (response.status < 500 && detail?.code) {
        throw new UpstreamError(response.status, detail.code, detail.parameters ?? {});
      }
      throw new Error(`catalog answered ${response.status} to ${method} ${path}`);
    }
    return payload as T;
  }
}

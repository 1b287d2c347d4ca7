import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@mi/contracts';
import { CORRELATION_HEADER } from './http-bootstrap';
import { currentContext } from './request-context';
import { SERVICE_TOKEN_HEADER, signServiceToken, type ServiceCaller } from './service-token';
import { releasingStreamedChunks } from './stream-memory';

/** An internal service's error answer, relayed to the client as it came (same code, same status). */
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
 * A service we depend on did not answer usably (down, timed out, a 5xx, a body that is not
 * JSON): the client may retry, so 503 with `Retry-After`, never a 500 of ours.
 */
export class ServiceUnavailable extends DomainError {
  readonly status = 503;
  readonly retryAfterSeconds = 5;

  constructor(service: string, reason: string) {
    super('ServiceUnavailable', { service }, `${service}: ${reason}`);
  }
}

export interface ServiceClientOptions {
  /** The called service's name: the audience its tokens are signed for. */
  service: string;
  baseUrl: string;
  secret: string;
  timeoutMs: number;
}

/**
 * The one way a process calls another's internal HTTP API: every call signed for the caller it
 * acts for, bounded in time, its answer parsed defensively and mapped to UpstreamError (the
 * service's own 4xx) or ServiceUnavailable (anything else).
 */
export class ServiceClient {
  constructor(private readonly options: ServiceClientOptions) {}

  headers(caller: ServiceCaller): Record<string, string> {
    return {
      [SERVICE_TOKEN_HEADER]: signServiceToken(this.options.secret, this.options.service, caller),
      [CORRELATION_HEADER]: currentContext()?.correlationId ?? '',
    };
  }

  async json<T>(method: string, path: string, caller: ServiceCaller, body?: unknown): Promise<T> {
    const response = await this.fetch(path, caller, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text().catch(() => null);
    return this.answer<T>(response.status, text, `${method} ${path}`);
  }

  /** For answers that are not JSON (preview bytes): the caller reads the body; errors are mapped here. */
  async fetch(path: string, caller: ServiceCaller, init: RequestInit & { headers?: Record<string, string> } = {}) {
    try {
      return await fetch(new URL(path, this.options.baseUrl), {
        ...init,
        headers: { ...init.headers, ...this.headers(caller) },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailable(this.options.service, (error as Error).message);
    }
  }

  /** The error a non-success answer stands for (its body already read as text, or null). */
  errorOf(status: number, text: string | null, what: string): DomainError {
    const detail = (parseJson(text) as { detail?: { code?: unknown; parameters?: unknown } } | undefined)?.detail;
    if (status >= 400 && status < 500 && typeof detail?.code === 'string') {
      const parameters = detail.parameters && typeof detail.parameters === 'object' ? detail.parameters : {};
      return new UpstreamError(status, detail.code, parameters as Record<string, unknown>);
    }
    return new ServiceUnavailable(this.options.service, `answered ${status} to ${what}`);
  }

  /**
   * Streams `body` with backpressure (never buffered) and parses the JSON answer. The service
   * may answer before the body is sent (e.g. too big): the rest is then drained, not sent. A body
   * that fails (its client went away, its form was cut) rejects with its own error: the service
   * is not down, and the caller must not take the call for one it may have taken in.
   */
  stream<T>(path: string, caller: ServiceCaller, headers: Record<string, string>, body: Readable): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    return new Promise<T>((resolve, reject) => {
      // A body that failed before it got here has emitted its error already: keep what it holds.
      let bodyError: Error | undefined =
        (body.errored as Error | null) ??
        (body.destroyed && !body.readableEnded ? new Error('body destroyed before it was sent') : undefined);
      body.once('error', (error) => (bodyError ??= error));
      const req = httpRequest(url, { method: 'POST', headers: { ...headers, ...this.headers(caller) } });
      req.on('response', (response) => {
        body.unpipe(req);
        body.resume();
        readText(response, (text) => {
          try {
            resolve(this.answer<T>(response.statusCode ?? 500, text, `POST ${url.pathname}`));
          } catch (error) {
            reject(error as Error);
          }
        });
      });
      req.on('error', (error) => reject(bodyError ?? new ServiceUnavailable(this.options.service, error.message)));
      pipeline(body, releasingStreamedChunks(), req).catch((error: Error) => req.destroy(error));
    });
  }

  private answer<T>(status: number, text: string | null, what: string): T {
    if (status >= 200 && status < 300) {
      if (!text) return null as T;
      const payload = parseJson(text);
      if (payload === undefined) throw new ServiceUnavailable(this.options.service, `non-JSON answer to ${what}`);
      return payload as T;
    }
    throw this.errorOf(status, text, what);
  }
}

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An internal answer is small; one that is not is cut (and then fails to parse), never buffered whole. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

function readText(
  response: NodeJS.ReadableStream & { headers?: IncomingHttpHeaders },
  done: (text: string | null) => void,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
  });
  response.on('end', () => done(size <= MAX_ANSWER_BYTES ? Buffer.concat(chunks).toString() : null));
  response.on('error', () => done(null));
}

import type { ErrorDetail } from './rest-types';

/** A request the server (or the network) refused, with the envelope's code and parameters. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: ErrorDetail,
  ) {
    super(detail.code);
    this.name = 'ApiError';
  }
}

/** What a failed request means when no envelope came with it (a proxy's page, a cut connection). */
const CODE_OF_STATUS: Record<number, string> = {
  0: 'NetworkError',
  401: 'Unauthorized',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  429: 'TooManyRequests',
};

/**
 * The `detail` of a failed answer: the catalog envelope `{detail: {code, parameters}}`, the
 * processing one `{code, params}`, or a code made from the HTTP status when neither came.
 */
export function errorDetailOf(status: number, body: unknown): ErrorDetail {
  const envelope = body as { detail?: unknown; code?: unknown; params?: unknown } | null;
  const detail = envelope?.detail as { code?: unknown; parameters?: unknown } | undefined;
  if (detail && typeof detail.code === 'string') {
    return { code: detail.code, parameters: asRecord(detail.parameters) };
  }
  if (envelope && typeof envelope.code === 'string') {
    return { code: envelope.code, parameters: asRecord(envelope.params) };
  }
  return { code: CODE_OF_STATUS[status] ?? (status >= 500 ? 'ServerError' : 'RequestFailed'), parameters: { status } };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Parses a response body as JSON when it is JSON; anything else is kept as null. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

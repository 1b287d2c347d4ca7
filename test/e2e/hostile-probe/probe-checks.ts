import type { ProbeCase } from './probe-case';
import type { RawAnswer } from './raw-http';

/** Bob's data: none of it may come back to alice unless she sent it herself. */
export interface Secrets {
  [label: string]: string;
}

export interface Violation {
  rule:
    | 'no-5xx'
    | 'no-hang'
    | 'answered'
    | 'status'
    | 'refused'
    | 'envelope'
    | 'code'
    | 'cross-tenant'
    | 'forbidden'
    | 'valid-token-429';
  detail: string;
}

/** API.md: /user/*, /processings*, /processing/*, /projects* answer the processing envelope. */
const PROCESSING_ROUTES = /^\/rest\/(processings?|projects|user)(\/|\?|$)/;

/** API.md's error table, with the parameters each code always carries (clients format messages from them). */
const DOCUMENTED: Record<string, string[]> = {
  ItemNotFound: ['instance_type', 'uid'],
  FileValidationFailed: ['filename', 'mosaic_id', 'param_name', 'got_param', 'expected_param'],
  FileCheckFailed: ['filename', 'bad_parameters'],
  FileOpenError: ['filename'],
  ImageOutOfBounds: ['filename'],
  FileTooBig: ['max_file_size', 'actual_file_size'],
  MemoryLimitExceeded: ['memory_requested', 'available_memory'],
  ImageTooLarge: ['filename', 'width', 'height', 'max_pixels_per_side'],
  // "Request-shape errors use the same envelope with a code such as BadRequest and parameters naming the field."
  BadRequest: ['field'],
};

/**
 * The refusals of the HTTP layer itself, in the same envelope: a fixed vocabulary, so a client can
 * branch on the code. A code outside it (an exception's class name leaking through) is a finding.
 */
const HTTP_LEVEL = [
  'NotFound',
  'Unauthorized',
  'TooManyRequests',
  'PayloadTooLarge',
  'UnsupportedMediaType',
  'HeadersTooLarge',
  'RequestTimeout',
  'PreviewNotReady',
  'PreviewFailed',
];

const CATALOG_CODES = new Set([...Object.keys(DOCUMENTED), ...HTTP_LEVEL]);
const upperSnake = (code: string) => code.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const PROCESSING_CODES = new Set([...CATALOG_CODES].map(upperSnake));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error code of an answer in either envelope of API.md, if it is one. */
export function errorCodeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { code?: unknown; detail?: { code?: unknown } } | null;
    const code = parsed?.detail?.code ?? parsed?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with an error answer's body for its route: its envelope, its code, its parameters. */
export function envelopeProblem(path: string, status: number, body: Buffer): Violation | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { rule: 'envelope', detail: `not JSON: ${JSON.stringify(body.subarray(0, 120).toString('latin1'))}` };
  }
  if (PROCESSING_ROUTES.test(path)) {
    if (!isObject(parsed) || typeof parsed.code !== 'string' || typeof parsed.message !== 'string')
      return { rule: 'envelope', detail: `not {code, message, params}: ${JSON.stringify(parsed).slice(0, 200)}` };
    if (
      parsed.params !== null &&
      !(isObject(parsed.params) && Object.values(parsed.params).every((v) => typeof v === 'string'))
    )
      return { rule: 'envelope', detail: `params neither null nor strings: ${JSON.stringify(parsed.params)}` };
    if (!PROCESSING_CODES.has(parsed.code)) return { rule: 'code', detail: `unknown code ${parsed.code}` };
    return null;
  }
  const detail = isObject(parsed) ? parsed.detail : undefined;
  if (!isObject(detail) || typeof detail.code !== 'string' || !isObject(detail.parameters))
    return {
      rule: 'envelope',
      detail: `not {detail: {code, parameters}} (${status}): ${JSON.stringify(parsed).slice(0, 200)}`,
    };
  if (!CATALOG_CODES.has(detail.code)) return { rule: 'code', detail: `unknown code ${detail.code}` };
  const missing = (DOCUMENTED[detail.code] ?? []).filter((key) => !(key in (detail.parameters as object)));
  if (missing.length > 0) return { rule: 'envelope', detail: `${detail.code} without ${missing.join(', ')}` };
  return null;
}

export interface CheckContext {
  secrets: Secrets;
  aliceToken: string;
  boundMs: number;
}

/** Everything wrong with one answer, by the probe's invariants. */
export function violationsOf(probe: ProbeCase, answer: RawAnswer, context: CheckContext): Violation[] {
  const found: Violation[] = [];
  const { status } = answer;
  if (status >= 500) found.push({ rule: 'no-5xx', detail: `${status}` });
  if (status === -1) found.push({ rule: 'no-hang', detail: `no answer within ${context.boundMs} ms` });
  if (probe.hangUpAfter !== undefined) return found;
  if (status === 0) found.push({ rule: 'answered', detail: 'connection closed without an answer' });
  if (status <= 0) return found;
  if (probe.expectStatus && !probe.expectStatus.includes(status))
    found.push({ rule: 'status', detail: `${status}, expected ${probe.expectStatus.join('|')}` });
  if (probe.mustFail && status >= 200 && status < 300)
    found.push({ rule: 'refused', detail: `${status} for an input that must be refused` });
  const notModified = status === 304 && probe.allowNotModified;
  if ((status < 200 || status >= 300) && !notModified) {
    const problem = envelopeProblem(probe.path, status, answer.body);
    if (problem) found.push(problem);
    const code = errorCodeOf(answer.body);
    if (probe.expectCode && !probe.expectCode.includes(code ?? ''))
      found.push({ rule: 'status', detail: `code ${code}, expected ${probe.expectCode.join('|')}` });
  }
  const sent = answer.sent.toString('latin1').toLowerCase();
  const received = `${Object.values(answer.headers).join('\n')}\n${answer.body.toString('latin1')}`.toLowerCase();
  for (const [label, secret] of Object.entries(context.secrets)) {
    const s = Buffer.from(secret, 'utf8').toString('latin1').toLowerCase();
    if (received.includes(s) && !sent.includes(s))
      found.push({ rule: 'cross-tenant', detail: `${label} in the answer` });
  }
  for (const text of probe.forbidden ?? [])
    if (received.includes(text.toLowerCase())) found.push({ rule: 'forbidden', detail: `"${text}" in the answer` });
  const auth = probe.headers?.authorization;
  if (status === 429 && (auth === undefined || auth === `Basic ${context.aliceToken}`))
    found.push({ rule: 'valid-token-429', detail: "alice's valid token refused with 429" });
  return found;
}

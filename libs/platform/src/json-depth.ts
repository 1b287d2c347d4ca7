import { BadRequest } from '@mi/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Far deeper than any body of API.md (a GeoJSON AOI nests under 10 levels), far below a stack overflow. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether a JSON text nests arrays and objects deeper than `maxDepth`, in one pass over its
 * bytes, before anything parses it: `JSON.parse` and everything that walks the result afterwards
 * (validation, logging, BSON) recurse, and 300,000 levels overflow the stack (a 500). Brackets
 * inside strings do not count. UTF-8 never puts an ASCII byte inside a multi-byte character, so
 * the bytes are scanned as they are; other charsets are decoded first.
 */
export function exceedsJsonDepth(body: Uint8Array, maxDepth: number, encoding = 'utf-8'): boolean {
  const bytes = /^utf-?8$/i.test(encoding) ? body : asUtf8(body, encoding);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > maxDepth) return true;
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return false;
}

/** A charset TextDecoder does not know (UTF-32) is scanned as it is: only ever too strict. */
function asUtf8(body: Uint8Array, encoding: string): Uint8Array {
  try {
    return Buffer.from(new TextDecoder(encoding).decode(body));
  } catch {
    return body;
  }
}

/**
 * body-parser's `verify` hook for JSON bodies. The error carries status 400: body-parser wraps
 * what `verify` throws as a 403 unless the error names its own status.
 */
export function refuseDeepJson(maxDepth = MAX_JSON_DEPTH) {
  return (_req: IncomingMessage, _res: ServerResponse, body: Buffer, encoding: string): void => {
    if (exceedsJsonDepth(body, maxDepth, encoding || 'utf-8')) {
      throw Object.assign(new BadRequest('body', `nested deeper than ${maxDepth} levels`), { status: 400 });
    }
  };
}

import { connect } from 'node:net';
import type { ProbeCase } from './probe-case';

export interface RawAnswer {
  /** HTTP status; 0 when the connection failed without an answer, -1 when none came within the bound. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
  /** The request's bytes as written (head and body, all of it even when hung up early). */
  sent: Buffer;
}

/**
 * One request over a fresh socket, written byte for byte (fetch and node:http refuse or rewrite
 * much of what a hostile client sends). The bound is enforced here: past it the socket is
 * destroyed and the answer is -1, a hang.
 */
export function rawRequest(baseUrl: string, probe: ProbeCase, token: string, boundMs: number): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  const headers: Record<string, string | string[] | null> = {
    host: `${hostname}:${port}`,
    connection: 'close',
    authorization: `Basic ${token}`,
    ...(probe.body && !probe.headers?.['transfer-encoding'] ? { 'content-length': String(probe.body.length) } : {}),
    ...probe.headers,
  };
  const lines = Object.entries(headers).flatMap(([key, value]) =>
    value === null ? [] : (Array.isArray(value) ? value : [value]).map((v) => `${key}: ${v}`),
  );
  const head = Buffer.from(`${probe.method} ${probe.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const sent = probe.body ? Buffer.concat([head, probe.body]) : head;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (status?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseAnswer(Buffer.concat(chunks));
      resolve({ ...parsed, status: status ?? parsed.status, ms: Date.now() - started, sent });
    };
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      if (probe.hangUpAfter !== undefined) {
        socket.write(Buffer.concat([head, (probe.body ?? Buffer.alloc(0)).subarray(0, probe.hangUpAfter)]));
        setTimeout(() => finish(0), 500);
        return;
      }
      // Not end(): a half-closed socket must not read as a client gone away; `connection: close` ends it.
      socket.write(sent);
    });
    const timer = setTimeout(() => finish(-1), boundMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    // A server may answer and close before reading a large body (413): keep what it said.
    socket.on('error', () => finish());
  });
}

function parseAnswer(raw: Buffer): Omit<RawAnswer, 'ms' | 'sent'> {
  // An interim answer (100 Continue to `Expect: 100-continue`) comes before the real one: skip it.
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(0, 16).toString('latin1')) && raw.includes('\r\n\r\n'))
    raw = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: Buffer.alloc(0) };
  const [statusLine, ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(split + 4);
  const body = /chunked/i.test(headers['transfer-encoding'] ?? '') ? dechunk(rest) : rest;
  return { status, headers, body };
}

function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(raw.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

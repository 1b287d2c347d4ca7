import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { BadRequest, DomainError } from '@mi/contracts';
import { errorEnvelope } from './http-errors';

type ParserError = NodeJS.ErrnoException & { rawPacket?: Buffer };

/** What Node itself would answer (its defaults), as our errors. */
function errorOf(code: string | undefined): { status: number; error: DomainError } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, error: new DomainError('HeadersTooLarge', {}, 'request headers too large') };
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW')
    return { status: 413, error: new DomainError('PayloadTooLarge', {}, 'chunk extensions too large') };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, error: new DomainError('RequestTimeout', {}, 'request not received in time') };
  return { status: 400, error: new BadRequest('request', 'malformed HTTP request') };
}

/** The request target, when the bytes Node choked on still start with the request line. */
function pathOf(raw: Buffer | undefined): string {
  const line = raw?.subarray(0, 8192).toString('latin1').split('\r\n', 1)[0] ?? '';
  return /^[A-Z]+ (\/\S*) HTTP\/1\.[01]$/.exec(line)?.[1]?.split('?', 1)[0] ?? '';
}

/**
 * A request Node's HTTP parser refuses (headers over its 16 KB, a malformed request line) never
 * reaches Express: Node answers it with an empty body. Answer it in API.md's envelope instead,
 * as every other client error is, and close the connection as Node does.
 */
export function answerClientErrorsInEnvelope(server: Server): void {
  server.on('clientError', (failure: ParserError, socket: Duplex) => {
    // As Node's default: write only where no answer is already under way on this connection.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (failure.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      const { status, error } = errorOf(failure.code);
      const body = JSON.stringify(errorEnvelope(pathOf(failure.rawPacket), error));
      // Closed once the answer is flushed (a destroy right away may lose it to a reset).
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
          body,
        () => socket.destroy(),
      );
      return;
    }
    socket.destroy(failure);
  });
}

import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { BadRequest, DomainError } from '@mi/contracts';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from 'pino';

/** HTTP status per error code; any other DomainError is a validation failure (400, API.md). */
const STATUS_OF: Record<string, number> = {
  ItemNotFound: 404,
  Unauthorized: 401,
  NotFound: 404,
  TooManyRequests: 429,
  // No preview bytes to give (yet, or ever): 404 like a missing file, with the reason as code.
  PreviewNotReady: 404,
  PreviewFailed: 404,
};

/** Checks a request body against its schema; the first problem becomes BadRequest{field}. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BadRequest(issue.path.join('.') || 'body', issue.message);
}

function fromStatus(status: number, name: string, message: string): DomainError {
  if (status === 404) return new DomainError('NotFound', { path: null });
  if (status === 413) return new DomainError('PayloadTooLarge', {});
  if (status === 429) return new DomainError('TooManyRequests', {});
  if (status === 400) return new BadRequest('body', message);
  return new DomainError(name.replace(/(Exception|Error)$/, ''), {});
}

/** Errors of the HTTP stack itself (body-parser's http-errors) that a client caused. */
function clientStatusOf(exception: unknown): number | null {
  const { status, expose } = (exception ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : null;
}

/** Routes whose clients parse the processing envelope (API.md), not the catalog one. */
const PROCESSING_ROUTES = /^\/rest\/(processings?|projects|user)(\/|$)/;

const toUpperSnake = (code: string) => code.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** `{"code", "message", "params"}` with string params, as the processing clients expect. */
function processingEnvelope(error: DomainError) {
  const entries = Object.entries(error.parameters).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  return {
    code: toUpperSnake(error.code),
    message: error.message,
    params: entries.length > 0 ? Object.fromEntries(entries) : null,
  };
}

/**
 * The error envelopes of API.md for everything a client can cause: the catalog one,
 * `{"detail": {"code", "parameters"}}`, and the processing one on processing routes. Anything
 * else is our fault: logged, and a 500 with the same envelope and no stack trace.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const path = host.switchToHttp().getRequest<Request>().path ?? '';
    let error: DomainError;
    let status: number;
    if (exception instanceof DomainError) {
      error = exception;
      // An internal service's answer relayed by the gateway keeps the status it came with.
      const relayed = (exception as { status?: unknown }).status;
      status = typeof relayed === 'number' ? relayed : (STATUS_OF[error.code] ?? 400);
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      error = fromStatus(status, exception.name, exception.message);
    } else if (clientStatusOf(exception) !== null) {
      status = clientStatusOf(exception)!;
      error = fromStatus(status, (exception as Error).name, (exception as Error).message);
    } else {
      this.logger.error({ err: exception }, 'unhandled error');
      error = new DomainError('InternalError', {});
      status = 500;
    }
    // A dependency that is down: tell the client when to come back instead of failing it for good.
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('retry-after', String(retryAfter));
    response.status(status).json(errorEnvelope(path, error));
  }
}

/** The body of an error answer on `path`: the processing envelope on processing routes, else the catalog one. */
export function errorEnvelope(path: string, error: DomainError) {
  return PROCESSING_ROUTES.test(path)
    ? processingEnvelope(error)
    : { detail: { code: error.code, parameters: error.parameters } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID is a malformed request, not a missing item. */
export function parseUuid(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw new BadRequest(field, 'must be a UUID');
  return value.toLowerCase();
}

import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { BadRequest, DomainError } from '@mi/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Logger } from 'pino';

/** HTTP status per error code; any other DomainError is a validation failure (400, API.md). */
const STATUS_OF: Record<string, number> = { ItemNotFound: 404, Unauthorized: 401, NotFound: 404, TooManyRequests: 429 };

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

/**
 * The catalog error envelope of API.md for everything a client can cause:
 * `{"detail": {"code", "parameters"}}`. Anything else is our fault: logged, and a 500 with the
 * same envelope and no stack trace.
 */
@Catch()
export class CatalogErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
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
    response.status(status).json({ detail: { code: error.code, parameters: error.parameters } });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID is a malformed request, not a missing item. */
export function parseUuid(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw new BadRequest(field, 'must be a UUID');
  return value.toLowerCase();
}

import { randomUUID } from 'node:crypto';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { ApiErrorFilter } from './http-errors';
import { PinoNestLogger } from './logger';
import { collectDefaultMetrics } from 'prom-client';
import { histogram, metricsRegistry } from './metrics';
import { runInContext } from './request-context';

export const CORRELATION_HEADER = 'x-correlation-id';
/** The gateway authenticates; services trust this header on their internal API only. */
export const OWNER_HEADER = 'x-owner-id';

const httpDuration = histogram('mi_http_request_duration_seconds', 'HTTP request duration', [
  'method',
  'route',
  'status',
]);

/** Continues the caller's correlation id (or starts one) and keeps it for the whole request. */
function correlation(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header(CORRELATION_HEADER);
  const correlationId = incoming && incoming.length <= 128 ? incoming : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  runInContext({ correlationId, causationId: null, actor: null }, next);
}

function timing(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer({ method: req.method });
  res.on('finish', () =>
    end({ route: (req.route?.path as string | undefined) ?? 'unmatched', status: res.statusCode }),
  );
  next();
}

export interface ServiceBootstrap {
  module: DynamicModule;
  logger: Logger;
  host: string;
  port: number;
  /** Kafka consumers run inside the same process (a Nest hybrid application), one per group. */
  consumers?: (app: INestApplication) => CustomStrategy['strategy'][];
  configure?: (app: INestApplication) => void;
}

/** Starts one service: HTTP on host:port, its consumer if any, and graceful shutdown on SIGTERM. */
export async function bootstrapService(options: ServiceBootstrap): Promise<INestApplication> {
  const { logger } = options;
  metricsRegistry.setDefaultLabels({ service: logger.bindings().service as string });
  collectDefaultMetrics();
  const app = await NestFactory.create(options.module, { logger: new PinoNestLogger(logger), bufferLogs: false });
  app.use(correlation, timing);
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => res.getHeader(CORRELATION_HEADER) as string,
      autoLogging: { ignore: (req) => req.url?.startsWith('/health') === true || req.url === '/metrics' },
    }),
  );
  // Every service answers client errors in API.md's envelopes, never a stack trace.
  app.useGlobalFilters(new ApiErrorFilter(logger));
  options.configure?.(app);
  app.enableShutdownHooks();
  const strategies = options.consumers?.(app) ?? [];
  for (const strategy of strategies) app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  if (strategies.length > 0) await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  logger.info({ url: await app.getUrl() }, 'service listening');
  return app;
}

/** A service's entry point: a failed start (bad config, unreachable database) is one JSON line and exit 1. */
export function runService(service: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    console.error(JSON.stringify({ level: 'fatal', service, msg: String((error as Error)?.message ?? error) }));
    process.exit(1);
  });
}

import { randomUUID } from 'node:crypto';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, urlencoded, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { loadBootstrapSettings } from './bootstrap.config';
import { answerClientErrorsInEnvelope } from './client-errors';
import { ApiErrorFilter } from './http-errors';
import { refuseDeepJson } from './json-depth';
import { PinoNestLogger } from './logger';
import { collectDefaultMetrics } from 'prom-client';
import { histogram, metricsRegistry } from './metrics';
import { serveMetrics } from './metrics-server';
import { runInContext } from './request-context';
import { serviceAuthentication } from './service-auth';
import { closeOnSignals } from './shutdown';

export const CORRELATION_HEADER = 'x-correlation-id';

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

/** Browsers must not guess a type: a JSON error sniffed as HTML would run as a page. */
function noSniffing(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('x-content-type-options', 'nosniff');
  next();
}

function timing(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer({ method: req.method });
  res.on('finish', () =>
    end({ route: (req.route?.path as string | undefined) ?? 'unmatched', status: res.statusCode }),
  );
  next();
}

export interface ServiceBootstrap {
  /** The service's name: its metrics label and the audience its internal calls are signed for. */
  service: string;
  module: DynamicModule;
  logger: Logger;
  host: string;
  port: number;
  /** Verifies the service tokens of `/internal/*` calls (SERVICE_TOKEN_SECRET). */
  serviceTokenSecret: string;
  /** Largest JSON body (body-parser's `limit`); 100kb, body-parser's own default, unless told. */
  jsonBodyLimit?: string;
  /** Override METRICS_PORT and SHUTDOWN_TIMEOUT_MS (bootstrap.config.ts), e.g. in tests. */
  metricsPort?: number;
  shutdownTimeoutMs?: number;
  /** Kafka consumers run inside the same process (a Nest hybrid application), one per group. */
  consumers?: (app: INestApplication) => CustomStrategy['strategy'][];
  configure?: (app: INestApplication) => void;
}

/**
 * Starts one service: HTTP on host:port, Prometheus metrics on their own port, its consumers if
 * any, and a shutdown on SIGTERM that is graceful but bounded.
 */
export async function bootstrapService(options: ServiceBootstrap): Promise<INestApplication> {
  const { logger, service } = options;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics();
  const settings = loadBootstrapSettings(process.env, options.port);
  const metricsPort = options.metricsPort ?? settings.metricsPort;
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    bodyParser: false, // ours below, for every service: the gateway is not the only one parsing JSON
  });
  app.disable('x-powered-by');
  answerClientErrorsInEnvelope(app.getHttpServer());
  app.use(noSniffing, correlation, timing, serviceAuthentication(options.serviceTokenSecret, service));
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => res.getHeader(CORRELATION_HEADER) as string,
      autoLogging: { ignore: (req) => req.url?.startsWith('/health') === true },
    }),
  );
  // A body nested deeper than any API's is refused before parsing (400 BadRequest{field: body}).
  app.use(json({ limit: options.jsonBodyLimit ?? '100kb', verify: refuseDeepJson() }));
  app.use(urlencoded({ extended: true, limit: options.jsonBodyLimit ?? '100kb' }));
  // Every service answers client errors in API.md's envelopes, never a stack trace.
  app.useGlobalFilters(new ApiErrorFilter(logger));
  options.configure?.(app);
  closeOnSignals(app, { logger, timeoutMs: options.shutdownTimeoutMs ?? settings.shutdownTimeoutMs });
  const strategies = options.consumers?.(app) ?? [];
  for (const strategy of strategies) app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  if (strategies.length > 0) await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  // After the public port: a launcher that finds this pid on the metrics port knows both are ours.
  const metrics = await serveMetrics(options.host, metricsPort).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  app.getHttpServer().once('close', () => metrics.close());
  logger.info({ url: await app.getUrl(), metricsPort }, 'service listening');
  return app;
}

/** A service's entry point: a failed start (bad config, unreachable database) is one JSON line and exit 1. */
export function runService(service: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    console.error(JSON.stringify({ level: 'fatal', service, msg: String((error as Error)?.message ?? error) }));
    process.exit(1);
  });
}

import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { webPageHandler } from './web-page.handler';

const WEB_PAGE_OPTIONS = Symbol('WEB_PAGE_OPTIONS');

interface WebPageOptions {
  webRoot: string;
  logger: Logger;
}

/**
 * The "My imagery" web page (services/web, built into `WEB_ROOT`) at `/`. A middleware rather
 * than a controller: it runs before the API's guards and rate limits, and a catch-all route
 * could shadow routes registered after it.
 */
@Module({})
export class WebPageModule implements NestModule {
  static forRoot(webRoot: string, logger: Logger): DynamicModule {
    return { module: WebPageModule, providers: [{ provide: WEB_PAGE_OPTIONS, useValue: { webRoot, logger } }] };
  }

  constructor(@Inject(WEB_PAGE_OPTIONS) private readonly options: WebPageOptions) {}

  configure(consumer: MiddlewareConsumer): void {
    const { webRoot, logger } = this.options;
    if (!existsSync(path.join(webRoot, 'index.html'))) {
      logger.warn({ webRoot }, 'no web page built there (npm run build): `/` answers 404');
      return;
    }
    logger.info({ webRoot }, 'serving the web page at /');
    consumer.apply(webPageHandler(webRoot)).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}

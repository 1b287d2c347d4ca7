import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TOPICS } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { ObservabilityModule, type HealthCheck } from '@mi/platform';
import type { Logger } from 'pino';
import { RateLimitGuard } from './auth/rate-limit.guard';
import { API_TOKEN, TokenGuard } from './auth/token.guard';
import { DocsController } from './docs/docs.controller';
import type { GatewayConfig } from './gateway.config';
import { CatalogClient } from './infra/catalog.client';
import { ImagesController } from './images/images.controller';
import { MosaicsController } from './mosaics/mosaics.controller';
import { VersionController } from './version/version.controller';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    const identityEvents = `${config.KAFKA_TOPIC_PREFIX}${TOPICS.identityEvents}`;
    return {
      module: GatewayModule,
      imports: [
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }]),
        EventSourcingModule.forRoot({
          service: 'gateway',
          mongoUrl: config.MONGO_URL,
          database: config.MONGO_DATABASE,
          kafkaBrokers: config.KAFKA_BROKERS,
          eventsTopic: identityEvents,
          topics: [identityEvents],
          outboxSweepMs: config.OUTBOX_SWEEP_MS,
          logger,
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH],
          useFactory: (checks: HealthCheck[]) => [
            ...checks,
            {
              name: 'catalog',
              check: async () => {
                const response = await fetch(`${config.CATALOG_URL}/health/live`);
                if (!response.ok) throw new Error(`answered ${response.status}`);
              },
            },
          ],
        }),
      ],
      controllers: [MosaicsController, ImagesController, VersionController, DocsController],
      providers: [
        { provide: CatalogClient, useValue: new CatalogClient(config.CATALOG_URL, config.REQUEST_TIMEOUT_MS) },
        { provide: API_TOKEN, useValue: config.API_TOKEN },
        TokenGuard,
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { EVENT_SOURCING_HEALTH } from '@mi/eventstore';
import { ObservabilityModule, ServiceClient, type HealthCheck } from '@mi/platform';
import type { Logger } from 'pino';
import { AuthFailureLimiter } from './auth/auth-failure-limiter';
import { RateLimitGuard } from './auth/rate-limit.guard';
import { TokenGuard } from './auth/token.guard';
import { DocsController } from './docs/docs.controller';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { identityWriteSide } from './identity/identity-write-side';
import { CatalogClient } from './infra/catalog.client';
import { IngestClient } from './infra/ingest.client';
import { PreviewsClient } from './infra/previews.client';
import { QuotaClient } from './infra/quota.client';
import { MemoryController } from './memory/memory.controller';
import { UploadSaga } from './uploads/upload-saga.service';
import { UploadsController } from './uploads/uploads.controller';
import { ImageStatusController } from './images/image-status.controller';
import { ImagesController } from './images/images.controller';
import { MosaicsController } from './mosaics/mosaics.controller';
import { PreviewsController } from './previews/previews.controller';
import { loadModelCatalog, MODEL_CATALOG } from '@mi/platform';
import { UserStatusController } from './user-status/user-status.controller';
import { VersionController } from './version/version.controller';
import { WebPageModule } from './web/web-page.module';

function serviceClient(config: GatewayConfig, service: string, baseUrl: string, timeoutMs = config.REQUEST_TIMEOUT_MS) {
  return new ServiceClient({ service, baseUrl, secret: config.SERVICE_TOKEN_SECRET, timeoutMs });
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }]),
        ...identityWriteSide(config, logger),
        WebPageModule.forRoot(config.WEB_ROOT, logger),
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
      controllers: [
        UploadsController,
        MemoryController,
        MosaicsController,
        ImagesController,
        ImageStatusController,
        PreviewsController,
        UserStatusController,
        VersionController,
        DocsController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: CatalogClient, useValue: new CatalogClient(serviceClient(config, 'catalog', config.CATALOG_URL)) },
        {
          provide: IngestClient,
          useValue: new IngestClient(serviceClient(config, 'ingest', config.INGEST_URL, config.INGEST_TIMEOUT_MS)),
        },
        { provide: QuotaClient, useValue: new QuotaClient(serviceClient(config, 'quota', config.QUOTA_URL)) },
        {
          provide: PreviewsClient,
          useValue: new PreviewsClient(serviceClient(config, 'previews', config.PREVIEWS_URL)),
        },
        UploadSaga,
        { provide: MODEL_CATALOG, useFactory: () => loadModelCatalog(config.MODELS_FILE) },
        {
          provide: AuthFailureLimiter,
          useValue: new AuthFailureLimiter(config.AUTH_FAILURES_PER_MINUTE, Date.now, {
            checksWhenBlocked: config.AUTH_CHECKS_WHEN_BLOCKED_PER_MINUTE,
          }),
        },
        TokenGuard,
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { ObservabilityModule } from '@mi/platform';
import { API_TOKEN, TokenGuard } from './auth/token.guard';
import type { GatewayConfig } from './gateway.config';
import { CatalogClient } from './infra/catalog.client';
import { MosaicsController } from './mosaics/mosaics.controller';
import { VersionController } from './version/version.controller';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forRoot({
          inject: [],
          useFactory: () => [
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
      controllers: [MosaicsController, VersionController],
      providers: [
        { provide: CatalogClient, useValue: new CatalogClient(config.CATALOG_URL, config.REQUEST_TIMEOUT_MS) },
        { provide: API_TOKEN, useValue: config.API_TOKEN },
        TokenGuard,
      ],
    };
  }
}

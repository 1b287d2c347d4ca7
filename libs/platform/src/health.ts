import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  ServiceUnavailableException,
  type DynamicModule,
} from '@nestjs/common';

/** One dependency a service needs to do its job; `check` throws when it is not usable. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: HealthCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

@Controller()
class ObservabilityController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  /**
   * The process answers: Kubernetes restarts it only when this fails. Nothing about the process
   * (the gateway's is public); launchers ask the metrics port (metrics-server.ts).
   */
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Every dependency answers: Kubernetes sends traffic only when this succeeds. */
  @Get('health/ready')
  @HttpCode(200)
  async ready() {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await probe(c)] as const));
    const checks = Object.fromEntries(results);
    if (results.some(([, state]) => state !== 'up')) {
      throw new ServiceUnavailableException({ status: 'unavailable', checks });
    }
    return { status: 'ok', checks };
  }
}

@Module({})
export class ObservabilityModule {
  /** `checks` is a provider token resolving to HealthCheck[] from the service's own wiring. */
  static forRoot(checksProvider: { inject: unknown[]; useFactory: (...deps: any[]) => HealthCheck[] }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [ObservabilityController],
      providers: [
        { provide: HEALTH_CHECKS, inject: checksProvider.inject as never[], useFactory: checksProvider.useFactory },
      ],
    };
  }
}

import { z } from 'zod';
import { loadConfig } from './config';

/**
 * Settings bootstrapService reads for every service, so each service's own schema need not
 * repeat them. Read once at start-up and validated like the rest (a bad value stops the service).
 */
export const BootstrapSettingsSchema = z.object({
  /** Prometheus scrapes here; unset, the service's PORT + 1000 (3101 → 4101). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The longest a SIGTERM waits for consumers, relay and HTTP to close before exit 1. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export interface BootstrapSettings {
  metricsPort: number;
  shutdownTimeoutMs: number;
}

export function loadBootstrapSettings(env: NodeJS.ProcessEnv, port: number): BootstrapSettings {
  const settings = loadConfig(BootstrapSettingsSchema, env);
  return { metricsPort: settings.METRICS_PORT ?? port + 1000, shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS };
}

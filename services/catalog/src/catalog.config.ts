import { BaseConfigSchema, loadConfig, ServiceTokenSecretSetting } from '@mi/platform';
import { z } from 'zod';

export const CatalogConfigSchema = BaseConfigSchema.extend({
  /** Verifies the gateway's signed calls into the internal API (shared secret; a Kubernetes Secret). */
  SERVICE_TOKEN_SECRET: ServiceTokenSecretSetting,
  PORT: z.coerce.number().int().positive().default(3101),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('catalog'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2000),
  /** Where clients reach the gateway: preview URLs in Image objects are absolute (API.md). */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3100'),
});

export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');

export type CatalogConfig = z.infer<typeof CatalogConfigSchema>;

export function loadCatalogConfig(): CatalogConfig {
  return loadConfig(CatalogConfigSchema, process.env);
}

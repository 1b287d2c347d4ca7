import { BaseConfigSchema, loadConfig } from '@mi/platform';
import { z } from 'zod';

export const CatalogConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3101),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('catalog'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2000),
});

export type CatalogConfig = z.infer<typeof CatalogConfigSchema>;

export function loadCatalogConfig(): CatalogConfig {
  return loadConfig(CatalogConfigSchema, process.env);
}

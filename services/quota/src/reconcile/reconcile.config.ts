import { loadConfig } from '@mi/platform';
import { z } from 'zod';
import { QuotaConfigSchema } from '../quota.config';

/** Quota's settings, plus where the operator tool reads the catalog's images and the bucket. */
export const ReconcileConfigSchema = QuotaConfigSchema.extend({
  LOG_LEVEL: QuotaConfigSchema.shape.LOG_LEVEL.unwrap().default('warn'),
  CATALOG_URL: z.url(),
  GCS_BUCKET: z.string().min(3).default('my-imagery-images'),
  GCS_PROJECT_ID: z.string().default('my-imagery'),
  GCS_API_ENDPOINT: z.url().optional(),
});

export type ReconcileConfig = z.infer<typeof ReconcileConfigSchema>;

export function loadReconcileConfig(): ReconcileConfig {
  return loadConfig(ReconcileConfigSchema, process.env);
}

import { BaseConfigSchema, loadConfig, PlansFileSetting } from '@mi/platform';
import { z } from 'zod';

export const IngestConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3102),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('ingest'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2000),
  GCS_BUCKET: z.string().min(3).default('my-imagery-images'),
  GCS_PROJECT_ID: z.string().default('my-imagery'),
  /** Only for the emulator (fake-gcs-server); production talks to GCS with its credentials. */
  GCS_API_ENDPOINT: z.url().optional(),
  PLANS_FILE: PlansFileSetting,
  /** An upload with no outcome after this long was cut off by a crash: the sweep ends it. */
  STALE_UPLOAD_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  SIGNED_URL_TTL_S: z.coerce.number().int().positive().max(604800).default(3600),
});

export type IngestConfig = z.infer<typeof IngestConfigSchema>;

export const INGEST_CONFIG = Symbol('INGEST_CONFIG');

export function loadIngestConfig(): IngestConfig {
  return loadConfig(IngestConfigSchema, process.env);
}

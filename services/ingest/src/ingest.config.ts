import { BaseConfigSchema, loadConfig, PlansFileSetting, ServiceTokenSecretSetting } from '@mi/platform';
import { z } from 'zod';

export const IngestConfigSchema = BaseConfigSchema.extend({
  /** Verifies the gateway's signed calls into the internal API (shared secret; a Kubernetes Secret). */
  SERVICE_TOKEN_SECRET: ServiceTokenSecretSetting,
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
  /**
   * Objects anyone may link besides their own originals: comma-separated `gs://bucket/prefix/`
   * (each ends with `/`, so `gs://shared/a/` never opens `gs://shared/ab`). Empty: only their own.
   */
  LINK_ALLOWED_PREFIXES: z
    .string()
    .default('')
    .transform((raw) =>
      raw
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^gs:\/\/[^/]+\/(.+\/)?$/, 'a gs://bucket/prefix/ ending with /'))),
});

export type IngestConfig = z.infer<typeof IngestConfigSchema>;

export const INGEST_CONFIG = Symbol('INGEST_CONFIG');

export function loadIngestConfig(): IngestConfig {
  return loadConfig(IngestConfigSchema, process.env);
}

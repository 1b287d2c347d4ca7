import { BaseConfigSchema, loadConfig } from '@mi/platform';
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const PreviewsConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3104),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('previews'),
  OUTBOX_SWEEP_MS: ms(2000),
  /** Where renditions are kept; originals are read from wherever their `gs://` URI points. */
  GCS_BUCKET: z.string().min(3).default('my-imagery-previews'),
  GCS_PROJECT_ID: z.string().default('my-imagery'),
  /** Only for the emulator (fake-gcs-server); production talks to GCS with its credentials. */
  GCS_API_ENDPOINT: z.url().optional(),
  /** Renders at once per replica: sharp already uses every core for one. */
  RENDER_CONCURRENCY: z.coerce.number().int().positive().default(1),
  /** A claimed render not finished by then (its replica died) is taken by another. */
  RENDER_LEASE_MS: ms(120_000),
  /** Attempts before a render is recorded as failed; the wait between them grows linearly. */
  RENDER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
  RENDER_RETRY_MS: ms(2000),
  /** How often an idle worker looks for work another replica (or a crash) left. */
  RENDER_POLL_MS: ms(1000),
  /** Cache-Control max-age of a rendition; its ETag lets clients revalidate after. */
  PREVIEW_MAX_AGE_S: z.coerce.number().int().nonnegative().default(3600),
});

export type PreviewsConfig = z.infer<typeof PreviewsConfigSchema>;

export const PREVIEWS_CONFIG = Symbol('PREVIEWS_CONFIG');

export function loadPreviewsConfig(): PreviewsConfig {
  return loadConfig(PreviewsConfigSchema, process.env);
}

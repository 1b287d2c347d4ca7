import { BaseConfigSchema, loadConfig, ServiceTokenSecretSetting } from '@mi/platform';
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const PreviewsConfigSchema = BaseConfigSchema.extend({
  /** Verifies the gateway's signed calls into the internal API (shared secret; a Kubernetes Secret). */
  SERVICE_TOKEN_SECRET: ServiceTokenSecretSetting,
  PORT: z.coerce.number().int().positive().default(3104),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('previews'),
  OUTBOX_SWEEP_MS: ms(2000),
  /** Where renditions are kept; originals are read from wherever their `gs://` URI points. */
  GCS_BUCKET: z.string().min(3).default('my-imagery-previews'),
  GCS_PROJECT_ID: z.string().default('my-imagery'),
  /** Only for the emulator (fake-gcs-server); production talks to GCS with its credentials. */
  GCS_API_ENDPOINT: z.url().optional(),
  /** Renders at once per replica (each in a thread of its own): sharp already uses every core for one. */
  RENDER_CONCURRENCY: z.coerce.number().int().positive().default(1),
  /**
   * Wall-clock budget of one render. Real files take about a second (README, Previews benchmark);
   * a crafted one that would spin is stopped here, and fails at once (see RenderWorker).
   */
  RENDER_TIMEOUT_MS: ms(60_000),
  /** JS heap of one render thread; decoded blocks and libvips' buffers live outside it. */
  RENDER_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  /** A claimed render not finished by then (its replica died) is taken by another. */
  RENDER_LEASE_MS: ms(120_000),
  /** Attempts before a render is recorded as failed; the wait between them grows linearly. */
  RENDER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
  RENDER_RETRY_MS: ms(2000),
  /** How often an idle worker looks for work another replica (or a crash) left. */
  RENDER_POLL_MS: ms(1000),
  /** Cache-Control max-age of a rendition; its ETag lets clients revalidate after. */
  PREVIEW_MAX_AGE_S: z.coerce.number().int().nonnegative().default(3600),
}).refine((config) => config.RENDER_TIMEOUT_MS < config.RENDER_LEASE_MS, {
  // A render still running when its lease ends would be claimed and run again by another replica.
  message: 'RENDER_TIMEOUT_MS must be shorter than RENDER_LEASE_MS',
  path: ['RENDER_TIMEOUT_MS'],
});

export type PreviewsConfig = z.infer<typeof PreviewsConfigSchema>;

export const PREVIEWS_CONFIG = Symbol('PREVIEWS_CONFIG');

export function loadPreviewsConfig(): PreviewsConfig {
  return loadConfig(PreviewsConfigSchema, process.env);
}

import { BaseConfigSchema, defaultPlansFile, loadConfig, PlansFileSetting } from '@mi/platform';
import path from 'node:path';
import { z } from 'zod';
import { defaultWebRoot } from './web/web-root';

export const GatewayConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().positive().default(3100),
  /** The gateway owns identity (users, tokens): its own database and `identity.events`. */
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('gateway'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2000),
  CATALOG_URL: z.url(),
  INGEST_URL: z.url(),
  QUOTA_URL: z.url(),
  PREVIEWS_URL: z.url(),
  /** How long an upload's answer waits for the catalog's decision before answering "VALIDATING". */
  UPLOAD_WAIT_MS: z.coerce.number().int().positive().default(30_000),
  PLANS_FILE: PlansFileSetting,
  /** The processing models offered (`config/models.json` of the checkout unless told). */
  MODELS_FILE: z.string().default(() => defaultPlansFile().replace(/plans\.json$/, 'models.json')),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /** Requests per caller (token, else IP) per minute; uploads count as one each. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Wrong tokens one address may send per minute before it is refused without a check. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Largest JSON body accepted; uploads are multipart and streamed, not bound by this. */
  JSON_BODY_LIMIT: z.string().default('1mb'),
  /** The built web page served at `/` (Vite's output; `dist/web` of the build unless told). */
  WEB_ROOT: z
    .string()
    .min(1)
    .default(() => defaultWebRoot())
    .transform((dir) => path.resolve(dir)),
});

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(): GatewayConfig {
  return loadConfig(GatewayConfigSchema, process.env);
}

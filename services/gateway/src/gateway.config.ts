import {
  BaseConfigSchema,
  defaultPlansFile,
  loadConfig,
  PlansFileSetting,
  ServiceTokenSecretSetting,
} from '@mi/platform';
import path from 'node:path';
import { z } from 'zod';
import { TrustedProxiesSetting } from './auth/trusted-proxies';
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
  /** Where clients reach the gateway: absolute preview URLs in Image objects. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3100'),
  PLANS_FILE: PlansFileSetting,
  /** The processing models offered (`config/models.json` of the checkout unless told). */
  MODELS_FILE: z.string().default(() => defaultPlansFile().replace(/plans\.json$/, 'models.json')),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /** Calls into ingest copy and check whole objects (links): they get longer than other calls. */
  INGEST_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  /** Signs the gateway's calls into the internal services (shared with them; a Kubernetes Secret). */
  SERVICE_TOKEN_SECRET: ServiceTokenSecretSetting,
  /** Requests per caller (token, else IP) per minute; uploads count as one each. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * Wrong tokens per client address and per claimed identity (email) per minute; past it, tokens
   * this replica has not verified before get only AUTH_CHECKS_WHEN_BLOCKED_PER_MINUTE checks.
   */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  AUTH_CHECKS_WHEN_BLOCKED_PER_MINUTE: z.coerce.number().int().nonnegative().default(6),
  /** Proxies whose X-Forwarded-For names the client (IPs and CIDRs, comma-separated; none unless told). */
  TRUSTED_PROXIES: TrustedProxiesSetting,
  /** At most this long between two looks at revocations made elsewhere: a revoked token's time left. */
  AUTH_REVOCATION_CHECK_MS: z.coerce.number().int().nonnegative().default(2000),
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

import { BaseConfigSchema, loadConfig, PlansFileSetting, ServiceTokenSecretSetting } from '@mi/platform';
import { z } from 'zod';

export const QuotaConfigSchema = BaseConfigSchema.extend({
  /** Verifies the gateway's signed calls into the internal API (shared secret; a Kubernetes Secret). */
  SERVICE_TOKEN_SECRET: ServiceTokenSecretSetting,
  PORT: z.coerce.number().int().positive().default(3103),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('quota'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2000),
  PLANS_FILE: PlansFileSetting,
  /** A reservation that sees no outcome (accepted or rejected) within this long is released. */
  RESERVATION_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  /** How often the sweep looks for expired reservations. */
  RESERVATION_SWEEP_MS: z.coerce.number().int().positive().default(60_000),
  /** Accounts see an event per upload: a snapshot every this many events keeps loading short. */
  SNAPSHOT_EVERY: z.coerce.number().int().positive().default(50),
});

export type QuotaConfig = z.infer<typeof QuotaConfigSchema>;

export const QUOTA_CONFIG = Symbol('QUOTA_CONFIG');

export function loadQuotaConfig(): QuotaConfig {
  return loadConfig(QuotaConfigSchema, process.env);
}

import { BaseConfigSchema, loadConfig } from '@mi/platform';
import { z } from 'zod';
import { PlansFileSetting } from '@mi/platform';

/**
 * The gateway's identity settings without what only the HTTP side needs (CATALOG_URL,
 * API_TOKEN, PORT): operators run the CLI next to the gateway's environment or from a script.
 */
export const AdminConfigSchema = BaseConfigSchema.extend({
  // Quiet by default: stdout carries the command's answer (JSON for scripts), logs go to stderr.
  LOG_LEVEL: BaseConfigSchema.shape.LOG_LEVEL.unwrap().default('warn'),
  MONGO_URL: z.string().min(1),
  MONGO_DATABASE: z.string().default('gateway'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(2000),
  PLANS_FILE: PlansFileSetting,
});

export type AdminConfig = z.infer<typeof AdminConfigSchema>;

export function loadAdminConfig(): AdminConfig {
  return loadConfig(AdminConfigSchema, process.env);
}

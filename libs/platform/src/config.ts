import { z } from 'zod';

export class ConfigError extends Error {}

/**
 * Reads configuration once at start-up and fails fast, naming every bad variable, so a pod with
 * a typo crashes at boot instead of misbehaving later.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

/** Settings every service shares; each service's schema extends this one. */
export const BaseConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((b) => b.trim())),
  /** Prefixes every topic and consumer group: lets test runs and tenants share one cluster. */
  KAFKA_TOPIC_PREFIX: z.string().default(''),
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** One plan: its limits are data, never constants in code (DESIGN.md §1). */
export interface Plan {
  id: string;
  storageLimitBytes: number;
  maxFileSizeBytes: number;
  maxPixelsPerSide: number;
  processing: { aoiAreaLimitM2: number; maxAoisPerProcessing: number };
}

/** The plan catalog (`config/plans.json`), read by identity, quota and the gateway alike. */
export interface PlanCatalog {
  plans: readonly Plan[];
  planIds: readonly string[];
  defaultPlan: string;
}

export const PLAN_CATALOG = Symbol('PLAN_CATALOG');

const Bytes = z.number().int().positive();

const PlanSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  storageLimitBytes: Bytes,
  maxFileSizeBytes: Bytes,
  maxPixelsPerSide: z.number().int().positive(),
  processing: z.object({
    aoiAreaLimitM2: z.number().positive(),
    maxAoisPerProcessing: z.number().int().positive(),
  }),
});

const PlanCatalogFileSchema = z
  .object({
    plans: z.array(PlanSchema).min(1),
    defaultPlan: z.string().min(1),
  })
  .superRefine((file, context) => {
    const ids = file.plans.map((p) => p.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) context.addIssue({ code: 'custom', path: ['plans'], message: `plan "${duplicate}" twice` });
    if (!ids.includes(file.defaultPlan)) {
      context.addIssue({ code: 'custom', path: ['defaultPlan'], message: `"${file.defaultPlan}" is not a plan` });
    }
  });

export function parsePlanCatalog(json: unknown, source: string): PlanCatalog {
  const result = PlanCatalogFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`invalid plan catalog ${source}: ${problems.join('; ')}`);
  }
  const { plans, defaultPlan } = result.data;
  return { plans, planIds: plans.map((p) => p.id), defaultPlan };
}

/** Read once at start-up: a missing or broken file stops the process with its path. */
export function loadPlanCatalog(file: string): PlanCatalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read plan catalog ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`plan catalog ${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return parsePlanCatalog(json, file);
}

/** The checkout's `config/plans.json`, found from wherever the code runs (sources or dist/). */
export function defaultPlansFile(from = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'config', 'plans.json');
    if (existsSync(candidate)) return candidate;
  }
  return path.resolve('config/plans.json');
}

/** The `PLANS_FILE` setting for a config schema: a path, relative to the working directory. */
export const PlansFileSetting = z
  .string()
  .min(1)
  .default(() => defaultPlansFile())
  .transform((file) => path.resolve(file));

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The plan catalog as identity sees it: which plan names exist, and the one new users get. */
export interface PlanCatalog {
  planIds: readonly string[];
  defaultPlan: string;
}

export const PLAN_CATALOG = Symbol('PLAN_CATALOG');

// Only the ids matter here: the limits belong to the quota service, which validates them when it
// reads the same file. Other keys pass through untouched.
const PlanCatalogFileSchema = z
  .object({
    plans: z.array(z.looseObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) })).min(1),
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
  return { planIds: result.data.plans.map((p) => p.id), defaultPlan: result.data.defaultPlan };
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

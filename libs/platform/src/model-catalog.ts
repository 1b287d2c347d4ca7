import { readFileSync } from 'node:fs';
import { z } from 'zod';

const BlockSchema = z.object({
  name: z.string().min(1),
  displayName: z.string().min(1),
  optional: z.boolean(),
  price: z.number().nonnegative(),
});

/**
 * A processing model ("workflow definition") as `GET /user/status` and a project's
 * `workflowDefs` list it (API.md). Its price per km² is what its required blocks cost: the QGIS
 * plugin computes it that way from the blocks, so the file must agree with it.
 */
const ModelSchema = z
  .object({
    id: z.uuid(),
    name: z.string().min(1),
    description: z.string(),
    pricePerSqKm: z.number().nonnegative(),
    blocks: z.array(BlockSchema),
  })
  .superRefine((model, context) => {
    const required = model.blocks.filter((b) => !b.optional).reduce((sum, b) => sum + b.price, 0);
    if (model.blocks.length > 0 && required !== model.pricePerSqKm) {
      context.addIssue({
        code: 'custom',
        path: ['pricePerSqKm'],
        message: `model ${model.id}: pricePerSqKm ${model.pricePerSqKm} is not the sum of its required blocks' prices (${required})`,
      });
    }
    const names = model.blocks.map((b) => b.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice)
      context.addIssue({ code: 'custom', path: ['blocks'], message: `model ${model.id}: block "${twice}" twice` });
  });

export type Model = z.infer<typeof ModelSchema>;
export type ModelBlock = z.infer<typeof BlockSchema>;

export const MODEL_CATALOG = Symbol('MODEL_CATALOG');

export function parseModelCatalog(json: unknown, source: string): Model[] {
  const parsed = z.object({ models: z.array(ModelSchema).min(1) }).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`invalid model catalog ${source}: ${problems.join('; ')}`);
  }
  const ids = parsed.data.models.map((m) => m.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`invalid model catalog ${source}: model ${twice} twice`);
  return parsed.data.models;
}

/** Models are data (`config/models.json`), like plans: adding one is a config change. */
export function loadModelCatalog(file: string): Model[] {
  return parseModelCatalog(JSON.parse(readFileSync(file, 'utf8')), file);
}

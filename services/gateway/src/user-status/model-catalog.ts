import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A processing model ("workflow definition") as `GET /user/status` lists it (API.md). */
const ModelSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  description: z.string(),
  pricePerSqKm: z.number().nonnegative(),
  blocks: z.array(
    z.object({ name: z.string(), displayName: z.string(), optional: z.boolean(), price: z.number().nonnegative() }),
  ),
});

export type Model = z.infer<typeof ModelSchema>;

export const MODEL_CATALOG = Symbol('MODEL_CATALOG');

/** Models are data (`config/models.json`), like plans: adding one is a config change. */
export function loadModelCatalog(file: string): Model[] {
  const parsed = z.object({ models: z.array(ModelSchema) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`invalid model catalog ${file}: ${parsed.error.issues[0].message}`);
  return parsed.data.models;
}

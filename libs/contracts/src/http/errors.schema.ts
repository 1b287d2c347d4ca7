import { z } from 'zod';

/** Catalog error envelope of API.md: both keys always present. */
export const CatalogErrorSchema = z.object({
  detail: z.object({ code: z.string(), parameters: z.record(z.string(), z.unknown()) }),
});

export type CatalogError = z.infer<typeof CatalogErrorSchema>;

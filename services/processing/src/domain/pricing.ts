import type { Model } from '@mi/platform';
import { BadRequest } from './processing.errors';

export interface BlockRequest {
  name: string;
  enabled: boolean;
}

export interface BlockChoice {
  name: string;
  displayName: string;
  enabled: boolean;
}

/**
 * Every block of the model with whether it runs: required ones always, optional ones when the
 * request enables them (the QGIS plugin sends each optional block, the CLI only enabled ones).
 */
export function chooseBlocks(model: Model, requested: BlockRequest[] | undefined): BlockChoice[] {
  const asked = new Map<string, boolean>();
  for (const block of requested ?? []) {
    const known = model.blocks.find((b) => b.name === block.name);
    if (!known) throw new BadRequest('blocks', `model "${model.name}" has no block "${block.name}"`);
    asked.set(block.name, block.enabled);
  }
  return model.blocks.map((b) => ({
    name: b.name,
    displayName: b.displayName,
    enabled: b.optional ? (asked.get(b.name) ?? false) : true,
  }));
}

/** Credits: the processed area in km² times the price of what runs, rounded up to a whole credit. */
export function costOf(model: Model, blocks: BlockChoice[], areaM2: number): number {
  const optional = model.blocks.filter((b) => b.optional && blocks.some((c) => c.name === b.name && c.enabled));
  const pricePerSqKm = model.pricePerSqKm + optional.reduce((sum, b) => sum + b.price, 0);
  // Rounded to a millionth first: 2.0000000001 km² of float noise is not a third credit.
  return Math.ceil(Math.round((areaM2 / 1e6) * pricePerSqKm * 1e6) / 1e6);
}

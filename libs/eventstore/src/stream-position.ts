/**
 * Where an event stands against a projection that applied its stream through `applied`. Only
 * `next` may be applied: `applied-already` is a redelivery, and a `gap` means the versions
 * between are missing, so applying it would skip them for good (a newer-only guard would take it).
 */
export type StreamPosition = 'next' | 'applied-already' | 'gap';

export function positionOf(applied: number, version: number): StreamPosition {
  if (version <= applied) return 'applied-already';
  return version === applied + 1 ? 'next' : 'gap';
}

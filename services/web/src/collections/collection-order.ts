import type { Mosaic } from '../api/rest-types';

export type SortKey = 'name' | 'tags' | 'image_count' | 'sizeInBytes' | 'created_at' | 'status';
export type SortDirection = 'ascending' | 'descending';

export interface TableOrder {
  key: SortKey;
  direction: SortDirection;
}

/** Newest first: what a user who just created or uploaded something looks for. */
export const DEFAULT_ORDER: TableOrder = { key: 'created_at', direction: 'descending' };

const names = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const COMPARE: Record<SortKey, (a: Mosaic, b: Mosaic) => number> = {
  name: (a, b) => names.compare(a.name, b.name),
  tags: (a, b) => names.compare(sortedTags(a).join(' '), sortedTags(b).join(' ')),
  image_count: (a, b) => a.image_count - b.image_count,
  sizeInBytes: (a, b) => a.sizeInBytes - b.sizeInBytes,
  created_at: (a, b) => a.created_at.localeCompare(b.created_at),
  status: (a, b) => a.status.localeCompare(b.status),
};

/**
 * Keeps the collections whose name or one of whose tags contains every word of `query`
 * (case-insensitive), so "fields 2026" and "crops" both find "Fields 2026 [crops]".
 */
export function filterCollections(mosaics: readonly Mosaic[], query: string): Mosaic[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...mosaics];
  return mosaics.filter((mosaic) => {
    const haystack = [mosaic.name, ...mosaic.tags].map((s) => s.toLocaleLowerCase());
    return words.every((word) => haystack.some((s) => s.includes(word)));
  });
}

/** A sorted copy; ties keep a stable order by name, then id, so rows never jump on refresh. */
export function sortCollections(mosaics: readonly Mosaic[], order: TableOrder): Mosaic[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...mosaics].sort((a, b) => sign * COMPARE[order.key](a, b) || COMPARE.name(a, b) || a.id.localeCompare(b.id));
}

/** Clicking the sorted column flips it; another column starts ascending (dates newest first). */
export function nextOrder(current: TableOrder, key: SortKey): TableOrder {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'created_at' ? 'descending' : 'ascending' };
}

function sortedTags(mosaic: Mosaic): string[] {
  return [...mosaic.tags].sort(names.compare);
}

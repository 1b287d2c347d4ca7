/** What one account's ledger says, what the catalog lists, and what the bucket holds. */
export interface ReconcileInputs {
  ledger: { imageId: string; bytes: number }[];
  catalog: { imageId: string; bytes: number; storageKey: string }[];
  /** Sizes of the objects under the images prefix, by key. */
  bucket: Map<string, number>;
}

export type Drift =
  /** Counted, but the catalog no longer has the image: its deletion was missed. Fix: free it. */
  | { kind: 'counted-but-gone'; imageId: string; bytes: number }
  /** In the catalog, never counted: its acceptance was missed. Fix: commit its size. */
  | { kind: 'present-but-uncounted'; imageId: string; bytes: number }
  /** Counted with another size than the catalog's. Reported: the stored object decides. */
  | { kind: 'size-differs'; imageId: string; counted: number; actual: number }
  /** In the catalog, but its original is not in the bucket. Reported. */
  | { kind: 'original-missing'; imageId: string; storageKey: string };

/** Pure: every disagreement between the three, in a stable order. */
export function ledgerDrift({ ledger, catalog, bucket }: ReconcileInputs): Drift[] {
  const counted = new Map(ledger.map((i) => [i.imageId, i.bytes]));
  const listed = new Map(catalog.map((i) => [i.imageId, i]));
  const drift: Drift[] = [];
  for (const [imageId, bytes] of counted) {
    const image = listed.get(imageId);
    if (!image) drift.push({ kind: 'counted-but-gone', imageId, bytes });
    else if (image.bytes !== bytes) drift.push({ kind: 'size-differs', imageId, counted: bytes, actual: image.bytes });
  }
  for (const image of catalog) {
    if (!counted.has(image.imageId))
      drift.push({ kind: 'present-but-uncounted', imageId: image.imageId, bytes: image.bytes });
    if (!bucket.has(image.storageKey)) {
      drift.push({ kind: 'original-missing', imageId: image.imageId, storageKey: image.storageKey });
    }
  }
  return drift.sort((a, b) => a.kind.localeCompare(b.kind) || a.imageId.localeCompare(b.imageId));
}

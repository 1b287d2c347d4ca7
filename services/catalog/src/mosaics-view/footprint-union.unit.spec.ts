import { footprintUnion } from './footprint-union';

describe('footprintUnion', () => {
  it('is null for a mosaic without images', () => {
    expect(footprintUnion([])).toBeNull();
  });

  it('keeps a single footprint as it is', () => {
    expect(footprintUnion(['POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))'])).toBe('POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))');
  });

  it('merges overlapping footprints into one polygon covering both', () => {
    const merged = footprintUnion(['POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))', 'POLYGON ((0.5 1, 2 1, 2 0, 0.5 0, 0.5 1))']);
    expect(merged).toMatch(/^POLYGON/);
    for (const corner of ['0 0', '2 0', '2 1', '0 1']) expect(merged).toContain(corner);
  });

  it('keeps disjoint footprints as a multipolygon', () => {
    const merged = footprintUnion(['POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))', 'POLYGON ((5 6, 6 6, 6 5, 5 5, 5 6))']);
    expect(merged).toMatch(/^MULTIPOLYGON/);
  });
});

import { ledgerDrift } from './ledger-drift';

const image = (imageId: string, bytes = 100) => ({ imageId, bytes, storageKey: `images/${imageId}` });

describe('ledgerDrift', () => {
  it('finds nothing when ledger, catalog and bucket agree', () => {
    expect(
      ledgerDrift({
        ledger: [{ imageId: 'a', bytes: 100 }],
        catalog: [image('a')],
        bucket: new Map([['images/a', 100]]),
      }),
    ).toEqual([]);
  });

  it('finds an image still counted after the catalog deleted it', () => {
    expect(ledgerDrift({ ledger: [{ imageId: 'a', bytes: 100 }], catalog: [], bucket: new Map() })).toEqual([
      { kind: 'counted-but-gone', imageId: 'a', bytes: 100 },
    ]);
  });

  it('finds an accepted image the ledger never counted, and an original missing from the bucket', () => {
    expect(ledgerDrift({ ledger: [], catalog: [image('b', 42)], bucket: new Map() })).toEqual([
      { kind: 'original-missing', imageId: 'b', storageKey: 'images/b' },
      { kind: 'present-but-uncounted', imageId: 'b', bytes: 42 },
    ]);
  });

  it('reports a size the ledger counted differently from the catalog', () => {
    expect(
      ledgerDrift({
        ledger: [{ imageId: 'c', bytes: 1 }],
        catalog: [image('c', 2)],
        bucket: new Map([['images/c', 2]]),
      }),
    ).toEqual([{ kind: 'size-differs', imageId: 'c', counted: 1, actual: 2 }]);
  });
});

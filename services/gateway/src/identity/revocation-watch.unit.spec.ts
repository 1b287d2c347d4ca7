import { RevocationWatch } from './revocation-watch';

describe('revocation watch', () => {
  let now: number;
  let revoked: { tokenId: string; at: number }[];
  let queries: number[];
  let forgotten: string[];
  const source = {
    revokedSince: async (since: Date) => {
      queries.push(since.getTime());
      return revoked.filter((r) => r.at >= since.getTime()).map((r) => r.tokenId);
    },
  };
  const watch = (everyMs = 2_000) =>
    new RevocationWatch(
      source,
      everyMs,
      (id) => forgotten.push(id),
      () => now,
    );

  beforeEach(() => {
    now = 100_000;
    revoked = [];
    queries = [];
    forgotten = [];
  });

  it('asks the database at most once per interval', async () => {
    const w = watch();
    await w.sync();
    now += 1_999;
    await w.sync();
    expect(queries).toEqual([]);
    now += 1;
    await w.sync();
    await w.sync();
    expect(queries).toHaveLength(1);
    now += 2_000;
    await w.sync();
    expect(queries).toHaveLength(2);
  });

  it('forgets the tokens revoked since its last check, looking a minute further back for other clocks', async () => {
    const w = watch();
    revoked.push({ tokenId: 'old', at: 30_000 }, { tokenId: 'skewed', at: 50_000 }, { tokenId: 'new', at: 101_000 });
    now = 102_000;
    await w.sync();
    expect(queries).toEqual([40_000]);
    expect(forgotten).toEqual(['skewed', 'new']);
    now = 104_000;
    await w.sync();
    expect(queries).toEqual([40_000, 42_000]);
  });

  it('shares one query between concurrent callers', async () => {
    const w = watch();
    now += 2_000;
    await Promise.all([w.sync(), w.sync(), w.sync()]);
    expect(queries).toHaveLength(1);
  });

  it('fails its callers when the database cannot answer, and asks again on the next call', async () => {
    const w = new RevocationWatch(
      { revokedSince: async () => Promise.reject(new Error('database unreachable')) },
      2_000,
      () => undefined,
      () => now,
    );
    now += 2_000;
    await expect(w.sync()).rejects.toThrow('database unreachable');
    await expect(w.sync()).rejects.toThrow('database unreachable');
  });

  it('checks on every call when its interval is zero', async () => {
    const w = watch(0);
    await w.sync();
    await w.sync();
    expect(queries).toHaveLength(2);
  });
});

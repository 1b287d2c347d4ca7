import { testDatabase } from '@mi/testing';
import { VersionedRows } from './versioned-rows';

type Row = { _id: string; imageId: string; version: number; status: string };

describe('VersionedRows on FerretDB', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let rows: VersionedRows<'imageId', Row>;

  beforeEach(async () => {
    database = await testDatabase('versioned_rows');
    rows = new VersionedRows(database.db.collection<Row>('rows'), 'imageId');
    await rows.ensureIndexes();
  });
  afterEach(() => database.close());

  it('keeps the newest of many concurrent writes; a row older than it goes at the next write', async () => {
    const versions = Array.from({ length: 30 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(versions.map((version) => rows.save({ imageId: 'a', version, status: `v${version}` })));
    expect(await rows.latest('a')).toMatchObject({ imageId: 'a', version: 30, status: 'v30' });
    // An older write landing after the newest one's prune is left for the next write to prune.
    await rows.save({ imageId: 'a', version: 31, status: 'v31' });
    expect(await rows.collection.countDocuments({ imageId: 'a', version: { $lt: 31 } })).toBe(0);
  });

  it('a redelivered or older version changes nothing', async () => {
    expect(await rows.save({ imageId: 'a', version: 2, status: 'two' })).toBe('applied');
    expect(await rows.save({ imageId: 'a', version: 2, status: 'again' })).toBe('skipped-duplicate');
    expect(await rows.save({ imageId: 'a', version: 1, status: 'older' })).toBe('skipped-duplicate');
    expect(await rows.latest('a')).toMatchObject({ version: 2, status: 'two' });
    expect(await rows.latest('b')).toBeNull();
  });
});

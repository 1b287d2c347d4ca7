import type { Envelope } from '@mi/contracts';
import { testDatabase } from '@mi/testing';
import { MongoEventStore } from './mongo-event-store';
import { StreamCatchUp } from './stream-catch-up';
import { MongoStreamCheckpoints } from './stream-checkpoints';

const metadata = { correlationId: 'c', causationId: null, actor: null };
const counted = (n: number) => ({ type: 'test.Counted', data: { n } });
const definitionOf = () => ({ schemaVersion: 1, schema: { parse: (d: unknown) => d } }) as never;

describe('StreamCatchUp on FerretDB', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let store: MongoEventStore;
  let checkpoints: MongoStreamCheckpoints;
  let seen: Array<[number, number]>;
  let catchUps: StreamCatchUp;

  beforeEach(async () => {
    database = await testDatabase('catch_up');
    store = new MongoEventStore(database.db, { definitionOf });
    checkpoints = new MongoStreamCheckpoints(database.db);
    seen = [];
    catchUps = new StreamCatchUp(store, checkpoints, 'test.view', async (event: Envelope, applied: number) => {
      seen.push([applied, event.version]);
    });
  });
  afterEach(() => database.close());

  const append = (expectedVersion: number, ...ns: number[]) =>
    store.append({ streamId: 's', streamType: 'T', expectedVersion, events: ns.map(counted), metadata });

  it('applies every event after the checkpoint in order, each on the one before, then only what is new', async () => {
    await append(0, 1);
    await append(1, 2, 3); // one command, two events
    expect(await catchUps.catchUp('s')).toEqual({ applied: 3, version: 3 });
    await append(3, 4);
    expect(await catchUps.catchUp('s')).toEqual({ applied: 1, version: 4 });
    expect(await catchUps.catchUp('s')).toEqual({ applied: 0, version: 4 });
    expect(seen).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it('a failure part-way leaves the checkpoint at the last whole commit, and the next catch-up goes on from there', async () => {
    await append(0, 1);
    await append(1, 2, 3);
    let failOn: number | null = 3;
    const flaky = new StreamCatchUp(store, checkpoints, 'test.view', async (event: Envelope, applied: number) => {
      if (event.version === failOn) throw new Error('database went away');
      seen.push([applied, event.version]);
    });
    await expect(flaky.catchUp('s')).rejects.toThrow('database went away');
    expect(await checkpoints.lastVersion('test.view', 's')).toBe(1);
    failOn = null;
    expect(await flaky.catchUp('s')).toEqual({ applied: 2, version: 3 });
    expect(seen).toEqual([
      [0, 1],
      [1, 2],
      [1, 2],
      [2, 3],
    ]); // event 2 again: appliers are idempotent per version
  });

  it('catch-ups of one stream run one after the other, so concurrent callers never apply an event twice', async () => {
    await append(0, 1);
    await append(1, 2);
    const results = await Promise.all([catchUps.catchUp('s'), catchUps.catchUp('s'), catchUps.catchUp('s')]);
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, 2]);
    expect(seen).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('from the start re-applies the whole stream whatever the checkpoint says (a rebuild after the views were dropped)', async () => {
    await append(0, 1);
    await catchUps.catchUp('s');
    expect(await catchUps.catchUp('s', { fromStart: true })).toEqual({ applied: 1, version: 1 });
    expect(seen).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('forgetting a projection resets its checkpoints only', async () => {
    await append(0, 1);
    await catchUps.catchUp('s');
    await checkpoints.save('other.view', 's', 1);
    await checkpoints.forget('test.view');
    expect(await checkpoints.lastVersion('test.view', 's')).toBe(0);
    expect(await checkpoints.lastVersion('other.view', 's')).toBe(1);
  });
});

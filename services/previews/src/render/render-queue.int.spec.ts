import { testDatabase } from '@mi/testing';
import { RenderQueue } from './render-queue.repository';

// The render queue on FerretDB: leases make a claimed render invisible until they run out, so a
// replica that dies mid-render leaves it to another; nothing queued is lost.
describe('RenderQueue on FerretDB', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let queue: RenderQueue;
  const t0 = new Date('2026-11-25T12:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  beforeEach(async () => {
    database = await testDatabase('render_queue');
    queue = new RenderQueue(database.db);
    await queue.onModuleInit();
  });
  afterEach(() => database.close());

  it('hands out the oldest due render, each once while its lease runs, again after it ends', async () => {
    await queue.enqueue('image-b', at(10));
    await queue.enqueue('image-a', at(0));
    await queue.enqueue('image-a', at(20)); // queued twice: still one render

    expect(await queue.claim(60_000, at(30))).toEqual({ imageId: 'image-a', attempt: 1 });
    expect(await queue.claim(60_000, at(40))).toEqual({ imageId: 'image-b', attempt: 1 });
    expect(await queue.claim(60_000, at(50))).toBeNull();
    expect(await queue.depth()).toBe(2);

    // image-a's replica died: once its lease ran out (b's has not), it is handed out again.
    expect(await queue.claim(60_000, at(60_031))).toEqual({ imageId: 'image-a', attempt: 2 });
    expect(await queue.claim(60_000, at(60_031))).toBeNull();
  });

  it('a failed attempt waits its delay; a finished render leaves the queue', async () => {
    await queue.enqueue('image-a', at(0));
    await queue.claim(60_000, at(0));
    await queue.retryLater('image-a', 5_000, at(100));
    expect(await queue.claim(60_000, at(5_000))).toBeNull();
    expect(await queue.claim(60_000, at(5_100))).toEqual({ imageId: 'image-a', attempt: 2 });
    await queue.done('image-a');
    expect(await queue.depth()).toBe(0);
    expect(await queue.claim(60_000, at(999_999))).toBeNull();
  });
});

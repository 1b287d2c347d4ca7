import { BlockCachedSource, ReadBudgetExceeded } from './block-cached-source';
import { bufferRangeSource } from './testing/file-range-source';

const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const slice = (data: ArrayBuffer) => Buffer.from(data);

describe('BlockCachedSource', () => {
  it('answers slices that span blocks with exactly the requested bytes', async () => {
    const blocks = new BlockCachedSource(bufferRangeSource(bytes), { blockSize: 64, maxBytes: 10_000 });
    const [a, b] = await blocks.fetch([
      { offset: 60, length: 10 },
      { offset: 100, length: 300 },
    ]);
    expect(slice(a)).toEqual(bytes.subarray(60, 70));
    expect(slice(b)).toEqual(bytes.subarray(100, 400));
  });

  it('reads each block once, however often geotiff.js asks', async () => {
    const source = bufferRangeSource(bytes);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 10_000 });
    await blocks.fetch([{ offset: 0, length: 16 }]);
    await blocks.fetch([{ offset: 8, length: 40 }]);
    await Promise.all([blocks.fetch([{ offset: 10, length: 4 }]), blocks.fetch([{ offset: 20, length: 4 }])]);
    expect(source.reads).toBe(1);
    expect(source.bytesRead).toBe(64);
  });

  it('holds at most maxBlocksHeld blocks, dropping the oldest, and still answers every read whole', async () => {
    const source = bufferRangeSource(bytes);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 10_000, maxBlocksHeld: 2 });
    const reads = await Promise.all(
      [0, 100, 200, 300, 400].map((offset) => blocks.fetch([{ offset, length: 150 }]).then(([data]) => slice(data))),
    );
    reads.forEach((read, i) => expect(read).toEqual(bytes.subarray(i * 100, i * 100 + 150)));
    const before = source.reads;
    await blocks.fetch([{ offset: 0, length: 8 }]);
    expect(source.reads).toBe(before + 1); // block 0 was dropped: read again
    await blocks.fetch([{ offset: 0, length: 8 }]);
    expect(source.reads).toBe(before + 1); // and is held now
  });

  it('drops the least recently used block, not the first read', async () => {
    const source = bufferRangeSource(bytes);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 10_000, maxBlocksHeld: 2 });
    for (const offset of [0, 64, 0, 128]) await blocks.fetch([{ offset, length: 8 }]);
    const before = source.reads;
    await blocks.fetch([{ offset: 0, length: 8 }]);
    expect(source.reads).toBe(before);
    await blocks.fetch([{ offset: 64, length: 8 }]);
    expect(source.reads).toBe(before + 1);
  });

  it('fetches a run of missing neighbouring blocks in one range read', async () => {
    const source = bufferRangeSource(bytes);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 10_000 });
    await blocks.fetch([{ offset: 0, length: 1000 }]);
    expect(source.reads).toBe(1);
    expect(source.bytesRead).toBe(1000);
  });

  it('comes back short at the end of the object and empty past it, as HTTP ranges do', async () => {
    const blocks = new BlockCachedSource(bufferRangeSource(bytes), { blockSize: 64, maxBytes: 10_000 });
    const [short, empty] = await blocks.fetch([
      { offset: 990, length: 1024 },
      { offset: 5000, length: 8 },
    ]);
    expect(slice(short)).toEqual(bytes.subarray(990));
    expect(empty.byteLength).toBe(0);
  });

  it('refuses to read past its budget, whatever a crafted header asks for', async () => {
    const source = bufferRangeSource(bytes, 1e12);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 4096 });
    await expect(blocks.fetch([{ offset: 0, length: 2 ** 31 }])).rejects.toBeInstanceOf(ReadBudgetExceeded);
    expect(source.bytesRead).toBe(0);
  });

  it('reads a lone value far from the header without pulling its whole block', async () => {
    const source = bufferRangeSource(bytes);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 10_000 });
    expect(slice(await blocks.readExact(700, 4))).toEqual(bytes.subarray(700, 704));
    expect(source.bytesRead).toBe(4);
    await blocks.fetch([{ offset: 0, length: 8 }]);
    expect(slice(await blocks.readExact(4, 4))).toEqual(bytes.subarray(4, 8));
    expect(source.reads).toBe(2);
  });

  it('reads a tile-sized slice on its own, exactly, and keeps no block of it', async () => {
    const source = bufferRangeSource(bytes);
    const blocks = new BlockCachedSource(source, { blockSize: 64, maxBytes: 10_000, directReadBytes: 100 });
    const [tile, field] = await blocks.fetch([
      { offset: 130, length: 300 },
      { offset: 10, length: 4 },
    ]);
    expect(slice(tile)).toEqual(bytes.subarray(130, 430));
    expect(slice(field)).toEqual(bytes.subarray(10, 14));
    expect(source.bytesRead).toBe(300 + 64); // the tile exactly, and the field's block
    await blocks.fetch([{ offset: 140, length: 8 }]);
    expect(source.reads).toBe(3); // the tile's bytes were not kept
  });
});

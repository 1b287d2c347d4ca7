import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteMeter, SizeLimitExceeded } from './byte-meter';

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('ByteMeter', () => {
  it('counts the bytes and computes their SHA-1', async () => {
    const data = Buffer.from('abc'.repeat(1000));
    const meter = new ByteMeter(10_000);
    await pipeline(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), meter, sink());
    expect(meter.bytes).toBe(3000);
    expect(meter.digest()).toBe(createHash('sha1').update(data).digest('hex'));
  });

  it('lets a file of exactly the limit through', async () => {
    const meter = new ByteMeter(100);
    await pipeline(Readable.from([Buffer.alloc(100)]), meter, sink());
    expect(meter.bytes).toBe(100);
  });

  it('fails the stream at the first byte past the limit, without reading the rest', async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        produced += 1;
        this.push(produced > 10_000 ? null : Buffer.alloc(64 * 1024)); // 640 MB if read to the end
      },
    });
    const meter = new ByteMeter(100);
    await expect(pipeline(source, meter, sink())).rejects.toBeInstanceOf(SizeLimitExceeded);
    expect(produced).toBeLessThan(20);
  });
});

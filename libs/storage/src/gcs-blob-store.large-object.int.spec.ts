import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { aGcsBlobStore, emulatorEndpoint, removeBucket, uniqueBucketName } from '../test/emulator-bucket.fixture';

const MiB = 1024 * 1024;
const SIZE = 200 * MiB;
// Holding the object would add at least SIZE: a variant that buffered the chunks before
// uploading measured 202 MiB. Streaming measured 76-102 MiB, nearly all of it garbage awaiting
// collection (generating the same bytes into a null sink grows RSS as much), so the bound sits
// midway.
const MAX_RSS_GROWTH_MIB = 150;

const apiEndpoint = emulatorEndpoint(process.env.GCS_API_ENDPOINT);
const bucket = uniqueBucketName('large-object');
const store = aGcsBlobStore({ apiEndpoint, bucket });

const KEY = Buffer.from('my-imagery-test!');
const ZEROS = Buffer.alloc(MiB + 16);

/**
 * The AES-CTR keystream under a fixed key: deterministic, incompressible, and computable at any
 * offset by starting the counter there; native code, so generating 200 MB takes well under a
 * second (a per-byte JS loop crawls under jest).
 */
function bytesAt(start: number, length: number): Buffer {
  const block = Math.floor(start / 16);
  const counter = Buffer.alloc(16);
  counter.writeBigUInt64BE(BigInt(block), 8);
  const skip = start - block * 16;
  const plaintext = skip + length <= ZEROS.length ? ZEROS.subarray(0, skip + length) : Buffer.alloc(skip + length);
  const keystream = createCipheriv('aes-128-ctr', KEY, counter).update(plaintext);
  return keystream.subarray(skip);
}

/** Generates `size` bytes one MiB at a time, on demand, showing each chunk to `onChunk`. */
function generated(size: number, onChunk: (chunk: Buffer) => void = () => undefined): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= size) return void this.push(null);
      const length = Math.min(MiB, size - offset);
      const chunk = bytesAt(offset, length);
      offset += length;
      onChunk(chunk);
      this.push(chunk);
    },
  });
}

beforeAll(async () => {
  await store.ensureBucket();
  // Loads lazily required modules and opens connections, so the measurement sees only growth
  // that scales with the upload.
  await store.write('large/warm-up.bin', generated(4 * MiB));
});
afterAll(() => removeBucket(apiEndpoint, bucket));

describe('GcsBlobStore with a 200 MB object', () => {
  const key = 'large/200mb.bin';

  it('streams it in with flat memory and reads back exact bytes at any offset', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const sampler = setInterval(sample, 10);
    const sent = createHash('md5');

    const source = generated(SIZE, (chunk) => {
      sent.update(chunk);
      sample();
    });
    const written = await store.write(key, source).finally(() => clearInterval(sampler));

    expect((peak - baseline) / MiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    expect(written).toEqual({ key, bytes: SIZE, md5: sent.digest('hex') });
    expect(await store.stat(key)).toMatchObject({ size: SIZE });
    expect(await store.readRange(key, SIZE - 4096, SIZE - 1)).toEqual(bytesAt(SIZE - 4096, 4096));
    expect(await store.readRange(key, 100 * MiB - 10, 100 * MiB + 9)).toEqual(bytesAt(100 * MiB - 10, 20));
    expect(await store.readRange(key, 0, 15)).toEqual(bytesAt(0, 16));

    await store.delete(key);
    expect(await store.stat(key)).toBeNull();
  }, 120_000);
});

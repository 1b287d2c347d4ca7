import { createHash, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { eventually } from '@mi/testing';
import { BlobNotFound } from './blob-store.errors';
import type { BlobStore } from './blob-store.port';
import { aGcsBlobStore, emulatorEndpoint, removeBucket, uniqueBucketName } from '../test/emulator-bucket.fixture';

const apiEndpoint = emulatorEndpoint(process.env.GCS_API_ENDPOINT);
const bucket = uniqueBucketName('blob-store');
const store = aGcsBlobStore({ apiEndpoint, bucket });

/** 0..255 repeated, so any byte's value is its offset modulo 256. */
const counting = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => i % 256));
const inChunks = (bytes: Buffer, size = 1000) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );
const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
/** Connections our byte paths hold, after giving closing ones a moment (idle keep-alive ones don't count). */
const busyConnections = async () => {
  for (let waited = 0; waited < 1000; waited += 20) {
    if (Object.values(http.globalAgent.sockets).flat().length === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Object.values(http.globalAgent.sockets).flat().length;
};
const keys = async (blobs: BlobStore, prefix: string) => {
  const found: string[] = [];
  for await (const blob of blobs.list(prefix)) found.push(blob.key);
  return found;
};

beforeAll(() => store.ensureBucket());
afterAll(() => removeBucket(apiEndpoint, bucket));

describe('GcsBlobStore against fake-gcs-server', () => {
  const bytes = counting(10_000);
  const key = 'ranges/counting.bin';

  beforeAll(() => store.write(key, inChunks(bytes)));

  it('stores a streamed object and reports its size, content type, checksum and metadata', async () => {
    const written = await store.write('write/image.tif', inChunks(bytes), {
      contentType: 'image/tiff',
      metadata: { uploadId: 'u-1' },
    });

    const md5 = createHash('md5').update(bytes).digest('hex');
    expect(written).toEqual({ key: 'write/image.tif', bytes: 10_000, md5 });
    expect(await store.stat('write/image.tif')).toEqual({
      key: 'write/image.tif',
      size: 10_000,
      contentType: 'image/tiff',
      md5,
      updated: expect.any(Date),
      metadata: { uploadId: 'u-1' },
    });
  });

  it('replaces the object when a key is written again', async () => {
    await store.write('write/twice.bin', inChunks(counting(50)));
    await store.write('write/twice.bin', inChunks(counting(7)), { contentType: 'text/plain' });

    expect(await store.stat('write/twice.bin')).toMatchObject({ size: 7, contentType: 'text/plain' });
  });

  it('stores an empty stream as an empty object', async () => {
    expect(await store.write('write/empty.bin', Readable.from([]))).toMatchObject({ bytes: 0 });
    expect(await store.stat('write/empty.bin')).toMatchObject({ size: 0 });
    expect(await store.readRange('write/empty.bin', 0, 10)).toHaveLength(0);
  });

  it('abandons the upload and closes its connection when the source fails, leaving no object', async () => {
    const failure = new Error('client went away');
    async function* halfAnUpload() {
      yield counting(300_000);
      // Fail only once the upload's connection is open, so there is one to close.
      await eventually(async () => Object.values(http.globalAgent.sockets).flat().length > 0, 5000, 5);
      throw failure;
    }

    await expect(store.write('write/aborted.bin', Readable.from(halfAnUpload()))).rejects.toBe(failure);
    expect(await busyConnections()).toBe(0);
    expect(await store.stat('write/aborted.bin')).toBeNull();
  });

  it('returns exactly the requested byte range', async () => {
    expect(await store.readRange(key, 0, 7)).toEqual(bytes.subarray(0, 8));
    expect(await store.readRange(key, 4321, 5678)).toEqual(bytes.subarray(4321, 5679));
    expect(await store.readRange(key, 9_999, 9_999)).toEqual(bytes.subarray(9_999));
  });

  it('clamps a range running past the end and returns nothing for one starting past it', async () => {
    expect(await store.readRange(key, 9_990, 20_000)).toEqual(bytes.subarray(9_990));
    expect(await store.readRange(key, 10_000, 10_100)).toHaveLength(0);
  });

  it('streams the whole object or only a range', async () => {
    expect(await readAll(store.createReadStream(key))).toEqual(bytes);
    expect(await readAll(store.createReadStream(key, { start: 256, end: 511 }))).toEqual(bytes.subarray(256, 512));
  });

  it('closes only its own connection when a reader stops early', async () => {
    await store.write('read/large.bin', Readable.from(Array.from({ length: 16 }, (_, i) => Buffer.alloc(1 << 20, i))));
    const reader = store.createReadStream('read/large.bin');
    for await (const chunk of reader) {
      expect(chunk).toBeInstanceOf(Buffer);
      break; // a header reader stops after its first bytes
    }
    const concurrent = store.stat(key);

    await expect(concurrent).resolves.toMatchObject({ size: 10_000 });
    expect(reader.destroyed).toBe(true);
    expect(await busyConnections()).toBe(0);
  });

  it('reports a missing key as BlobNotFound on reads and as null on stat', async () => {
    await expect(store.readRange('nowhere.bin', 0, 1)).rejects.toEqual(new BlobNotFound('nowhere.bin'));
    await expect(readAll(store.createReadStream('nowhere.bin'))).rejects.toBeInstanceOf(BlobNotFound);
    expect(await store.stat('nowhere.bin')).toBeNull();
  });

  it('rejects a byte range that ends before it starts', async () => {
    await expect(store.readRange(key, 10, 9)).rejects.toThrow(RangeError);
  });

  it('deletes an object, after which stat is null', async () => {
    await store.write('delete/one.bin', inChunks(counting(10)));
    await store.delete('delete/one.bin');

    expect(await store.stat('delete/one.bin')).toBeNull();
  });

  it('succeeds when deleting a key that does not exist', async () => {
    await expect(store.delete('delete/never-written.bin')).resolves.toBeUndefined();
  });

  it('lists the keys and sizes under a prefix, across pages, in order', async () => {
    const paged = aGcsBlobStore({ apiEndpoint, bucket, listPageSize: 2 });
    for (const name of ['c', 'a', 'e', 'b', 'd'])
      await store.write(`list/m1/${name}`, inChunks(counting(name.charCodeAt(0))));
    await store.write('list/m10/x', inChunks(counting(1)));

    const listed = [];
    for await (const blob of paged.list('list/m1/')) listed.push(blob);

    expect(listed).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((name) => ({ key: `list/m1/${name}`, size: name.charCodeAt(0) })),
    );
    expect(await keys(store, 'list/none/')).toEqual([]);
  });

  it('deletes everything under a prefix and nothing beside it', async () => {
    const paged = aGcsBlobStore({ apiEndpoint, bucket, listPageSize: 2 });
    for (const name of ['m2/a', 'm2/b', 'm2/sub/c', 'm2/sub/d', 'm2/e', 'm20/keep']) {
      await store.write(`purge/${name}`, inChunks(counting(3)));
    }

    expect(await paged.deletePrefix('purge/m2/')).toBe(5);
    expect(await keys(store, 'purge/')).toEqual(['purge/m20/keep']);
    expect(await paged.deletePrefix('purge/m2/')).toBe(0);
  });

  it('refuses to delete by an empty prefix', async () => {
    await expect(store.deletePrefix('')).rejects.toThrow(RangeError);
  });

  it('copies an object server-side from its gs:// URI', async () => {
    const copied = await store.copyFrom(store.uri(key), 'copy/counting.bin');

    expect(copied).toEqual({
      key: 'copy/counting.bin',
      bytes: 10_000,
      md5: createHash('md5').update(bytes).digest('hex'),
    });
    expect(await store.readRange('copy/counting.bin', 9_000, 9_009)).toEqual(bytes.subarray(9_000, 9_010));
    await expect(store.copyFrom(store.uri('copy/missing.bin'), 'copy/x')).rejects.toEqual(
      new BlobNotFound(store.uri('copy/missing.bin')),
    );
  });

  it("gives a copy its own metadata, not the source object's", async () => {
    await store.write('copy/source.bin', Readable.from([Buffer.from('abc')]), { metadata: { ownerId: 'a@x.org' } });

    await store.copyFrom(store.uri('copy/source.bin'), 'copy/owned.bin', { ownerId: 'b@x.org', filename: 'f.tif' });

    expect((await store.stat('copy/owned.bin'))?.metadata).toEqual({ ownerId: 'b@x.org', filename: 'f.tif' });
    expect((await store.stat('copy/source.bin'))?.metadata).toEqual({ ownerId: 'a@x.org' });
  });

  it('names objects as gs://bucket/key', () => {
    expect(store.uri('mosaics/m1/i1.tif')).toBe(`gs://${bucket}/mosaics/m1/i1.tif`);
  });

  it('gives a read URL that fetch can download the bytes from', async () => {
    const odd = 'urls/a dir/ü x+y?.bin';
    await store.write(odd, inChunks(bytes), { contentType: 'image/tiff' });

    const response = await fetch(await store.signedReadUrl(odd, 60));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/tiff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('signs V4 read URLs when it has a service-account key, and they download the bytes', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const signing = aGcsBlobStore({
      apiEndpoint,
      bucket,
      credentials: { client_email: 'ingest@my-imagery-test.iam.gserviceaccount.com', private_key: privateKey },
    });

    const url = new URL(await signing.signedReadUrl(key, 900, { downloadFilename: 'scène 1.tif' }));

    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(url.searchParams.get('X-Goog-Expires')).toBe('900');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('scène 1.tif')}`,
    );
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
  });

  it('refuses signed URLs that would outlive the 7-day V4 limit', async () => {
    await expect(store.signedReadUrl(key, 7 * 24 * 3600 + 1)).rejects.toThrow(RangeError);
  });

  it('creates a missing bucket once even when replicas race to ensure it', async () => {
    const fresh = uniqueBucketName('ensure');
    const replicas = [1, 2, 3].map(() => aGcsBlobStore({ apiEndpoint, bucket: fresh }));
    try {
      await Promise.all(replicas.map((replica) => replica.ensureBucket()));
      await replicas[0].ensureBucket();
      await replicas[1].write('probe', inChunks(counting(1)));
      expect(await replicas[2].stat('probe')).toMatchObject({ size: 1 });
    } finally {
      await removeBucket(apiEndpoint, fresh);
    }
  });
});

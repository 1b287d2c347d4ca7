import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogErrorSchema, TOPICS } from '@mi/contracts';
import { GcsBlobStore } from '@mi/storage';
import {
  api,
  eventually,
  readTopic,
  repoRootForTests,
  stackEnv,
  startPlatform,
  testKafka,
  uploadFile,
  type Platform,
} from '@mi/testing';
import { bucketOf, ensureUser } from '../../deploy/local/service-processes';

const TINY_MAX = 50_000;

/** The shipped plans plus a tiny one, so size limits can be tested with small files. */
function plansWithTinyPlan(dir: string): string {
  const shipped = JSON.parse(readFileSync(path.join(repoRootForTests(), 'config/plans.json'), 'utf8'));
  const tiny = { ...shipped.plans[0], id: 'tiny', maxFileSizeBytes: TINY_MAX };
  const file = path.join(dir, 'plans.json');
  writeFileSync(file, JSON.stringify({ ...shipped, plans: [...shipped.plans, tiny] }));
  return file;
}

describe('upload size limits and interrupted uploads', () => {
  let platform: Platform;
  let tinyToken: string;
  let bucket: GcsBlobStore;
  const dir = mkdtempSync(path.join(tmpdir(), 'plans-'));

  beforeAll(async () => {
    const plans = { PLANS_FILE: plansWithTinyPlan(dir) };
    platform = await startPlatform('e2e-limits-up', { gateway: plans, ingest: plans });
    tinyToken = await ensureUser(platform.service('gateway').spec, 'tiny@example.com', 'tiny');
    bucket = new GcsBlobStore({ bucket: bucketOf(platform.namespace), apiEndpoint: stackEnv.gcsApiEndpoint });
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedKeys = async () => {
    const keys: string[] = [];
    for await (const blob of bucket.list('images/')) keys.push(blob.key);
    return keys;
  };
  const newMosaic = async () => (await api(platform, tinyToken)('POST', '/rasters/mosaic', { name: 'Tiny' })).json.id;

  it('refuses a file whose declared size is over the plan before reading it', async () => {
    const mosaicId = await newMosaic();
    const bytes = Buffer.alloc(500_000, 1);
    const response = await uploadFile(`${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`, tinyToken, {
      name: 'big.tif',
      bytes,
    });
    expect(response.status).toBe(400);
    const { detail } = CatalogErrorSchema.parse(response.json);
    expect(detail.code).toBe('FileTooBig');
    expect(detail.parameters.max_file_size).toBe(TINY_MAX);
    expect(detail.parameters.actual_file_size).toBeGreaterThan(TINY_MAX);
    expect(await storedKeys()).toEqual([]);
  });

  it('stops a stream that passes the plan size while arriving, and keeps nothing', async () => {
    const mosaicId = await newMosaic();
    // Within the gateway's allowance for multipart framing, so only ingest's byte count can catch it.
    const response = await uploadFile(`${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`, tinyToken, {
      name: 'slightly-big.tif',
      bytes: Buffer.alloc(TINY_MAX + 10_000, 2),
    });
    expect(response.status).toBe(400);
    expect(response.json.detail).toMatchObject({
      code: 'FileTooBig',
      parameters: { max_file_size: TINY_MAX, actual_file_size: expect.any(Number) },
    });
    expect(response.json.detail.parameters.actual_file_size).toBeGreaterThan(TINY_MAX);
    expect(await storedKeys()).toEqual([]);
  });

  it('leaves nothing behind when the client disconnects mid-upload', async () => {
    const mosaicId = (await api(platform)('POST', '/rasters/mosaic', { name: 'Interrupted' })).json.id;
    const boundary = 'x-boundary';
    const req = request(`${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${platform.tokens.alice}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(50 * 1024 * 1024),
      },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.tif"\r\n\r\n`);
    for (let i = 0; i < 8; i++) req.write(Buffer.alloc(256 * 1024, 7));
    // Cut off only once ingest is receiving it (not before: that case never reaches ingest).
    const started = (e: { type: string; data: { filename: string } }) =>
      e.type === 'ingest.UploadStarted' && e.data.filename === 'cut.tif';
    await readTopic(testKafka(), platform.topic(TOPICS.ingestEvents), (messages) =>
      messages.some((m) => started(JSON.parse(m.value))),
    );
    req.destroy();
    const isOurs = (e: { type: string; data: { filename: string } }) =>
      e.type === 'ingest.UploadRejected' && e.data.filename === 'cut.tif';
    const events = await readTopic(testKafka(), platform.topic(TOPICS.ingestEvents), (messages) =>
      messages.some((m) => isOurs(JSON.parse(m.value))),
    );
    const rejected = events.map((m) => JSON.parse(m.value)).find(isOurs);
    expect(rejected.data).toMatchObject({ code: 'UploadAborted', filename: 'cut.tif', mosaicId });
    expect(await storedKeys()).toEqual([]);
    // Its 50 MB reservation is given back too (by ingest's rejection, not by the TTL).
    await eventually(async () => (await api(platform)('GET', '/rasters/memory')).json.memoryReserved === 0, 10_000);
  });
});

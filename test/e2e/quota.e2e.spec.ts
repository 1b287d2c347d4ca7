import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogErrorSchema } from '@mi/contracts';
import {
  api,
  eventually,
  repoRootForTests,
  sharedFixture,
  startPlatform,
  uploadFile,
  type Platform,
} from '@mi/testing';
import { z } from 'zod';
import { admin, ensureUser } from '../../deploy/local/service-processes';

const LIMIT = 100_000;
const MemorySchema = z.strictObject({
  memoryLimit: z.number().int(),
  memoryUsed: z.number().int(),
  memoryFree: z.number().int(),
  maxUploadFileSize: z.number().int(),
  maxPixelCount: z.number().int(),
  memoryReserved: z.number().int(),
  plan: z.string(),
});

/** The shipped plans plus one with 100 kB of storage, so a few small files fill it. */
function plansWithSmallStorage(dir: string): string {
  const shipped = JSON.parse(readFileSync(path.join(repoRootForTests(), 'config/plans.json'), 'utf8'));
  const small = { ...shipped.plans[0], id: 'small', storageLimitBytes: LIMIT };
  const file = path.join(dir, 'plans.json');
  writeFileSync(file, JSON.stringify({ ...shipped, plans: [...shipped.plans, small] }));
  return file;
}

describe('storage quota through the gateway', () => {
  let platform: Platform;
  let token: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'plans-'));

  beforeAll(async () => {
    const plans = { PLANS_FILE: plansWithSmallStorage(dir) };
    platform = await startPlatform('e2e-quota', { gateway: plans, ingest: plans, quota: plans });
    token = await ensureUser(platform.service('gateway').spec, 'small@example.com', 'small');
  });
  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const memory = async () => MemorySchema.parse((await api(platform, token)('GET', '/rasters/memory')).json);

  it('answers the Memory object of the caller’s plan', async () => {
    await eventually(async () => (await memory()).memoryLimit === LIMIT);
    expect(await memory()).toMatchObject({
      memoryLimit: LIMIT,
      memoryUsed: 0,
      memoryFree: LIMIT,
      plan: 'small',
      maxPixelCount: 100_000,
    });
  });

  it('30 concurrent uploads: exactly the accepted bytes are used, the limit is never passed, the rest are refused', async () => {
    const call = api(platform, token);
    const mosaicId = (await call('POST', '/rasters/mosaic', { name: 'Crowded' })).json.id;
    const file = sharedFixture('utm.tif');
    const size = readFileSync(file).length;

    let sampling = true;
    const samples: { used: number; reserved: number }[] = [];
    const sampler = (async () => {
      while (sampling) {
        const m = await memory();
        samples.push({ used: m.memoryUsed, reserved: m.memoryReserved });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        uploadFile(`${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`, token, file),
      ),
    );
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(400);
      const { detail } = CatalogErrorSchema.parse(r.json);
      expect(detail.code).toBe('MemoryLimitExceeded');
      expect(detail.parameters).toEqual({ memory_requested: expect.any(Number), available_memory: expect.any(Number) });
    }

    await eventually(
      async () => (await memory()).memoryUsed === accepted.length * size && (await memory()).memoryReserved === 0,
    );
    sampling = false;
    await sampler;
    expect(samples.length).toBeGreaterThan(5);
    for (const s of samples) expect(s.used + s.reserved).toBeLessThanOrEqual(LIMIT);
    const final = await memory();
    expect(final).toMatchObject({ memoryUsed: accepted.length * size, memoryFree: LIMIT - accepted.length * size });
    const mosaic = (await call('GET', `/rasters/mosaic/${mosaicId}`)).json;
    expect(mosaic).toMatchObject({ image_count: accepted.length, sizeInBytes: accepted.length * size });
  });

  it('applies a plan change to the limit without a redeploy', async () => {
    const gateway = platform.service('gateway').spec;
    const carol = await ensureUser(gateway, 'carol@example.com', 'small');
    const carolMemory = async () => MemorySchema.parse((await api(platform, carol)('GET', '/rasters/memory')).json);
    await eventually(async () => (await carolMemory()).memoryLimit === LIMIT);
    await admin(gateway, ['plan', 'set', '--email', 'carol@example.com', '--plan', 'premium']);
    await eventually(async () => (await carolMemory()).plan === 'premium', 10_000);
    expect(await carolMemory()).toMatchObject({ memoryLimit: 10 * 1024 ** 3, maxUploadFileSize: 5 * 1024 ** 3 });
  });

  it('frees the bytes of a deleted mosaic (within a bounded wait)', async () => {
    const call = api(platform, token);
    const before = (await memory()).memoryUsed;
    const mosaicId = (await call('POST', '/rasters/mosaic', { name: 'To free' })).json.id;
    const upload = await uploadFile(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`,
      token,
      sharedFixture('utm.tif'),
    );
    if (upload.status === 200) {
      await eventually(async () => (await memory()).memoryUsed === before + upload.json.file_size);
    }
    const mosaics = (await call('GET', '/rasters/mosaic')).json as { id: string }[];
    const ids = mosaics.map((m) => m.id);
    const deleted = await call('POST', '/rasters/mosaic/delete', { ids });
    expect(deleted.json.deleted.sort()).toEqual(ids.sort());
    await eventually(async () => (await memory()).memoryUsed === 0, 10_000);
    expect(await memory()).toMatchObject({ memoryUsed: 0, memoryReserved: 0, memoryFree: LIMIT });
  });
});

describe('a quota service killed while events flow', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform('e2e-quota-kill');
  });
  afterAll(() => platform?.stop());

  it('converges to the exact figures after kill -9 and restart', async () => {
    const call = api(platform);
    const memory = async () => MemorySchema.parse((await call('GET', '/rasters/memory')).json);
    const mosaicId = (await call('POST', '/rasters/mosaic', { name: 'Survivor' })).json.id;
    const files = ['utm.tif', 'utm.tif', 'utm.tif'].map((f) => sharedFixture(f));
    const uploaded: { status: number; json: any }[] = [];
    for (const file of files) {
      uploaded.push(
        await uploadFile(`${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`, platform.tokens.alice, file),
      );
    }
    expect(uploaded.map((u) => u.status)).toEqual([200, 200, 200]);
    // Commits arrive from catalog.events: kill quota while they are still being consumed.
    await platform.kill('quota');
    await platform.start('quota');
    const expected = uploaded.reduce((sum, u) => sum + u.json.file_size, 0);
    const used = (bytes: number) => async () => {
      const m = await memory();
      if (m.memoryUsed !== bytes)
        throw new Error(`memoryUsed ${m.memoryUsed}, expected ${bytes}: ${JSON.stringify(m)}`);
      return true;
    };
    await eventually(used(expected), 30_000);
    expect(await memory()).toMatchObject({ memoryUsed: expected, memoryReserved: 0 });

    // And after the restart, deletes still free exactly what they should.
    await call('DELETE', `/rasters/image/${uploaded[0].json.id}`);
    await eventually(used(expected - uploaded[0].json.file_size), 30_000);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ImageSchema } from '@mi/contracts';
import { GcsBlobStore } from '@mi/storage';
import { api, eventually, sharedFixture, stackEnv, startPlatform, uploadFile, type Platform } from '@mi/testing';
import { previewsBucketOf } from '../../deploy/local/service-processes';

/** Sends exactly what a careless or hostile client would, bypassing fetch's own framing. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: Buffer | string | null,
  options: { hangUpAfter?: () => Promise<unknown> } = {},
): Promise<{ status: number; json: any }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: any = text;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        resolve({ status: response.statusCode!, json });
      });
    });
    req.on('error', () => resolve({ status: 0, json: null }));
    if (options.hangUpAfter) {
      req.flushHeaders();
      void options.hangUpAfter().then(() => req.destroy());
      return;
    }
    req.end(body ?? undefined);
  });
}

const boundary = 'hostile-boundary';
const part = (disposition: string, bytes: Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: image/tiff\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

describe('hostile uploads: reservations, chunked bodies, names and links', () => {
  let platform: Platform;
  const tiff = readFileSync(sharedFixture('utm.tif'));

  beforeAll(async () => {
    platform = await startPlatform('e2e-hostile-up');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const memory = async (token = platform.tokens.alice) => (await api(platform, token)('GET', '/rasters/memory')).json;
  const newMosaic = async (token = platform.tokens.alice) =>
    (await api(platform, token)('POST', '/rasters/mosaic', { name: 'Hostile' })).json.id as string;
  const auth = (token = platform.tokens.alice) => ({ authorization: `Basic ${token}` });

  it.each([
    ['no file part', `multipart/form-data; boundary=${boundary}`, part('name="other"', Buffer.from('x'))],
    [
      'the file under another field name',
      `multipart/form-data; boundary=${boundary}`,
      part('name="image"; filename="a.tif"', tiff),
    ],
    ['a raw body that is not multipart', 'application/octet-stream', tiff],
    ['a multipart type without boundary', 'multipart/form-data', part('name="file"; filename="a.tif"', tiff)],
    ['an empty body', `multipart/form-data; boundary=${boundary}`, Buffer.alloc(0)],
  ])('gives the room back at once for an upload with %s', async (_case, contentType, body) => {
    const mosaicId = await newMosaic();
    const url = `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`;
    // A large declared size: the leak this guards against held up to it for the reservation's TTL.
    const response = await rawPost(
      url,
      { ...auth(), 'content-type': contentType, 'content-length': String(body.length) },
      body,
    );
    expect(response.status).toBe(400);
    expect(response.json.detail).toMatchObject({ code: expect.any(String), parameters: expect.any(Object) });
    await eventually(async () => (await memory()).memoryReserved === 0, 10_000);
  });

  it('gives the room back when the client hangs up right after the headers', async () => {
    const mosaicId = await newMosaic();
    await rawPost(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`,
      { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': '900000000' },
      null,
      // Gone once the gateway holds the room for it: the reservation is made, then must be freed.
      { hangUpAfter: () => eventually(async () => (await memory()).memoryReserved > 0, 10_000) },
    );
    await eventually(async () => (await memory()).memoryReserved === 0, 10_000);
    // And the account can still use all of its room.
    expect((await memory()).memoryFree).toBe((await memory()).memoryLimit - (await memory()).memoryUsed);
  });

  it('accepts a chunked upload (no Content-Length) from a user who already stores an image', async () => {
    const mosaicId = await newMosaic();
    const first = await uploadFile(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`,
      platform.tokens.alice,
      {
        name: 'first.tif',
        bytes: tiff,
      },
    );
    expect(first.status).toBe(200);
    const chunked = await rawPost(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`,
      { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      part('name="file"; filename="chunked.tif"', tiff),
    );
    expect(chunked.status).toBe(200);
    expect(ImageSchema.parse(chunked.json)).toMatchObject({ filename: 'chunked.tif', file_size: tiff.length });
    await eventually(async () => {
      const m = await memory();
      return m.memoryReserved === 0 && m.memoryUsed >= 2 * tiff.length;
    }, 10_000);
  });

  it('refuses a repeated ?name= on upload-to-new-mosaic with BadRequest, and caps a 10 KB file name', async () => {
    const repeated = await rawPost(
      `${platform.gatewayUrl}/rest/rasters/mosaic/image?name=a&name=b`,
      { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      part('name="file"; filename="x.tif"', tiff),
    );
    expect(repeated.status).toBe(400);
    expect(repeated.json.detail).toEqual({
      code: 'BadRequest',
      parameters: { field: 'name', reason: expect.any(String) },
    });

    const longName = `${'é'.repeat(5000)}.tif`;
    const long = await rawPost(
      `${platform.gatewayUrl}/rest/rasters/mosaic/image`,
      { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      part(`name="file"; filename="${longName}"`, tiff),
    );
    expect(long.status).toBe(200);
    expect(Buffer.byteLength(ImageSchema.parse(long.json).filename)).toBeLessThanOrEqual(255);
    await eventually(async () => (await memory()).memoryReserved === 0, 10_000);
  });

  it('answers an image status all along: READY for an accepted image, 404 for an unknown or foreign one', async () => {
    const mosaicId = await newMosaic();
    const uploaded = await uploadFile(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`,
      platform.tokens.alice,
      {
        name: 'status.tif',
        bytes: tiff,
      },
    );
    const status = await api(platform)('GET', `/rasters/image/${uploaded.json.id}/status`);
    expect(status).toMatchObject({ status: 200, json: { id: uploaded.json.id, status: 'READY', detail: null } });
    expect((await api(platform, platform.tokens.bob)('GET', `/rasters/image/${uploaded.json.id}/status`)).status).toBe(
      404,
    );
    expect((await api(platform)('GET', `/rasters/image/${crypto.randomUUID()}/status`)).status).toBe(404);
    expect((await api(platform)('GET', `/rasters/image/not-a-uuid/status`)).status).toBe(400);
  });

  it("never links another tenant's original, and answers as for a missing object", async () => {
    const aliceMosaic = await newMosaic();
    const uploaded = await uploadFile(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${aliceMosaic}/image`,
      platform.tokens.alice,
      {
        name: 'private.tif',
        bytes: tiff,
      },
    );
    const original = ImageSchema.parse(uploaded.json).image_url;
    const bobMosaic = await newMosaic(platform.tokens.bob);
    const bob = api(platform, platform.tokens.bob);

    const stolen = await bob('POST', `/rasters/mosaic/${bobMosaic}/link-image`, { url: original });
    const missing = await bob('POST', `/rasters/mosaic/${bobMosaic}/link-image`, { url: `${original}-missing` });
    // An object that exists, in a bucket that is not one the caller may link from.
    const otherBucket = previewsBucketOf(platform.namespace);
    await new GcsBlobStore({ bucket: otherBucket, apiEndpoint: stackEnv.gcsApiEndpoint }).write(
      'probe/exists.tif',
      Readable.from([tiff]),
    );
    const elsewhere = await bob('POST', `/rasters/mosaic/${bobMosaic}/link-image`, {
      url: `gs://${otherBucket}/probe/exists.tif`,
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json).toEqual(missing.json);
    expect(elsewhere.json).toEqual(missing.json);
    expect((await bob('GET', `/rasters/mosaic/${bobMosaic}/image`)).json).toEqual([]);
    await eventually(async () => (await memory(platform.tokens.bob)).memoryReserved === 0, 10_000);

    // Alice may copy her own original into another of her mosaics.
    const otherMosaic = await newMosaic();
    const own = await api(platform)('POST', `/rasters/mosaic/${otherMosaic}/link-image`, { url: original });
    expect(own).toMatchObject({ status: 200, json: { mosaic_id: otherMosaic } });
  });

  it('internal services answer nothing to an unsigned caller, whatever owner it claims', async () => {
    for (const service of ['catalog', 'ingest', 'quota', 'previews']) {
      const { url } = platform.service(service);
      const response = await fetch(`${url}/internal/mosaics`, { headers: { 'x-owner-id': 'alice@example.com' } });
      expect([service, response.status]).toEqual([service, 401]);
    }
  });

  it('writes no API token, service token or service secret to any log line', async () => {
    const wrong = Buffer.from('alice@example.com:0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a10.wrong').toString('base64');
    await api(platform, wrong)('GET', '/rasters/mosaic');
    await api(platform)('GET', '/rasters/mosaic');
    await api(platform, platform.tokens.bob)('GET', '/rasters/memory');
    // Logs are written asynchronously: wait until the last request's line is there.
    const logs = () =>
      readdirSync(platform.logDir)
        .map((f) => readFileSync(path.join(platform.logDir, f), 'utf8'))
        .join('\n');
    await eventually(async () => logs().includes('/rest/rasters/memory'), 10_000);
    const all = logs();
    for (const secret of [platform.tokens.alice, platform.tokens.bob, wrong, platform.serviceTokenSecret]) {
      expect(all.includes(secret)).toBe(false);
    }
    expect(all).not.toMatch(/"x-service-token":"(?!\[redacted\])/);
    expect(all).not.toMatch(/"authorization":"(?!\[redacted\])/);
  });

  it('answers 503 with Retry-After, not 500, while quota is down, and recovers when it is back', async () => {
    await platform.kill('quota');
    try {
      const memoryWhileDown = await api(platform)('GET', '/rasters/memory');
      expect(memoryWhileDown.status).toBe(503);
      expect(memoryWhileDown.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(memoryWhileDown.json).toEqual({
        detail: { code: 'ServiceUnavailable', parameters: { service: 'quota' } },
      });
      const uploadWhileDown = await uploadFile(
        `${platform.gatewayUrl}/rest/rasters/mosaic/${await newMosaic()}/image`,
        platform.tokens.alice,
        { name: 'while-down.tif', bytes: tiff },
      );
      expect(uploadWhileDown.status).toBe(503);
    } finally {
      await platform.start('quota');
    }
    expect((await api(platform)('GET', '/rasters/memory')).status).toBe(200);
  });
});

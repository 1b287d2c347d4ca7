import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { CatalogErrorSchema, ImageSchema, MosaicSchema, type Image } from '@mi/contracts';
import { GcsBlobStore } from '@mi/storage';
import { api, eventually, stackEnv, startPlatform, uploadFile, type Platform } from '@mi/testing';
import { previewsBucketOf } from '../../deploy/local/service-processes';
import { aGeoTiff, removeGeoTiffFixtures } from '../../libs/raster/src/geotiff/testing/a-geotiff.builder';

// Previews through the public API on the real stack: rendered on acceptance, served with ETag
// and cache headers to their owner only, "not ready" while rendering, a failure that never
// blocks the image, and renditions gone with their image or mosaic.

describe('image previews', () => {
  let platform: Platform;
  let call: ReturnType<typeof api>;
  let renditions: GcsBlobStore;

  beforeAll(async () => {
    // One attempt, so a broken file is recorded as failed without waiting out retries.
    platform = await startPlatform('e2e-previews', { previews: { RENDER_MAX_ATTEMPTS: '1', RENDER_POLL_MS: '200' } });
    call = api(platform);
    renditions = new GcsBlobStore({
      bucket: previewsBucketOf(platform.namespace),
      apiEndpoint: stackEnv.gcsApiEndpoint,
      projectId: 'test',
    });
  });
  afterAll(async () => {
    removeGeoTiffFixtures();
    await platform?.stop();
    await renditions?.deletePrefix('images/').catch(() => undefined);
  });

  const newMosaic = async (name: string) => MosaicSchema.parse((await call('POST', '/rasters/mosaic', { name })).json);
  const upload = async (mosaicId: string, path: string, name = 'scene.tif') => {
    const response = await uploadFile(
      `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`,
      platform.tokens.alice,
      {
        name,
        bytes: readFileSync(path),
      },
    );
    expect(response.status).toBe(200);
    return ImageSchema.parse(response.json);
  };
  const fetchPreview = (url: string, token = platform.tokens.alice, headers: Record<string, string> = {}) =>
    fetch(url, { headers: { authorization: `Basic ${token}`, ...headers } });
  const ready = (url: string) =>
    eventually(
      async () => {
        const response = await fetchPreview(url);
        if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`);
        return response;
      },
      30_000,
      300,
    ); // a gentle poll: the gateway's per-caller rate limit counts these
  const imageOnceItsPreviewIs = (imageId: string, status: Image['preview_status']) =>
    eventually(async () => {
      const image = ImageSchema.parse((await call('GET', `/rasters/image/${imageId}`)).json);
      if (image.preview_status !== status) throw new Error(`preview_status ${image.preview_status}`);
      return image;
    });
  const keysOf = async (imageId: string) => {
    const keys: string[] = [];
    for await (const blob of renditions.list(`images/${imageId}/`)) keys.push(blob.key);
    return keys;
  };

  const sixteenBit = () =>
    aGeoTiff({ width: 1600, height: 800, dtype: 'UInt16', pixels: (_, x) => 200 + Math.floor((x / 1600) * 3000) });

  it('renders s and l for an accepted image, served with ETag and cache headers', async () => {
    const mosaic = await newMosaic('Previews');
    const image = await upload(mosaic.id, sixteenBit());
    expect(image.preview_url_s).toBe(`${platform.gatewayUrl}/rest/rasters/image/${image.id}/preview/s`);
    expect(image.preview_url_l).toBe(`${platform.gatewayUrl}/rest/rasters/image/${image.id}/preview/l`);

    const large = await ready(image.preview_url_l);
    expect(large.headers.get('content-type')).toBe('image/jpeg');
    expect(large.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const etag = large.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const bytes = Buffer.from(await large.arrayBuffer());
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1024, 512]);
    const grey = (fx: number) => data[(256 * info.width + Math.floor(fx * (info.width - 1))) * info.channels];
    expect(grey(0.005)).toBeLessThan(10); // stretched: the 2 % value and below are black…
    expect(grey(0.995)).toBeGreaterThan(245); // …the 98 % value and above white

    const small = await ready(image.preview_url_s);
    expect(await sharp(Buffer.from(await small.arrayBuffer())).metadata()).toMatchObject({ width: 256, height: 128 });

    const shown = await imageOnceItsPreviewIs(image.id, 'READY');
    expect(shown.meta_data).toMatchObject({ preview_bands: [1], preview_alpha_band: null });

    const revalidated = await fetchPreview(image.preview_url_l, platform.tokens.alice, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect((await revalidated.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers another user's, unknown and malformed requests with the catalog error envelope", async () => {
    const mosaic = await newMosaic('Private previews');
    const image = await upload(mosaic.id, sixteenBit());
    await ready(image.preview_url_s);

    const asBob = await fetchPreview(image.preview_url_s, platform.tokens.bob);
    expect(asBob.status).toBe(404);
    expect(CatalogErrorSchema.parse(await asBob.json()).detail).toEqual({
      code: 'ItemNotFound',
      parameters: { instance_type: 'image', uid: image.id },
    });
    const unknown = await call('GET', '/rasters/image/0190f000-0000-7000-8000-00000000dead/preview/s');
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail.code).toBe('ItemNotFound');
    const badSize = await call('GET', `/rasters/image/${image.id}/preview/xl`);
    expect(badSize.status).toBe(400);
    expect(badSize.json.detail).toEqual({ code: 'BadRequest', parameters: { field: 'size', reason: 'is s or l' } });
    const anonymous = await fetch(image.preview_url_s);
    expect(anonymous.status).toBe(401);
  });

  it('says PreviewNotReady while previews is down, and renders what it missed when it is back', async () => {
    await platform.kill('previews');
    let image: Image;
    try {
      const mosaic = await newMosaic('Missed while down');
      image = await upload(mosaic.id, sixteenBit());
      const waiting = await call('GET', `/rasters/image/${image.id}/preview/l`);
      expect(waiting.status).toBe(404);
      expect(waiting.json.detail).toEqual({ code: 'PreviewNotReady', parameters: { image_id: image.id } });
    } finally {
      await platform.start('previews');
    }
    const large = await ready(image.preview_url_l);
    expect(await sharp(Buffer.from(await large.arrayBuffer())).metadata()).toMatchObject({ width: 1024, height: 512 });
  });

  it('a file whose pixels cannot be decoded: the image is usable, its preview says why it failed', async () => {
    const path = aGeoTiff({ width: 512, height: 512, compress: 'DEFLATE', pixels: (_, x, y) => (x * y) % 251 });
    const bytes = readFileSync(path);
    // Overwrite the compressed pixel data (everything past the first 4 KiB) with noise; the header stays valid.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const broken = `${path}.broken.tif`;
    writeFileSync(broken, bytes);
    const mosaic = await newMosaic('Broken pixels');
    const image = await upload(mosaic.id, broken);
    const failed = await eventually(async () => {
      const response = await call('GET', `/rasters/image/${image.id}/preview/s`);
      if (response.json?.detail?.code !== 'PreviewFailed') throw new Error(response.text);
      return response;
    }, 30_000);
    expect(failed.status).toBe(404);
    expect(failed.json.detail.parameters).toMatchObject({ image_id: image.id, reason: expect.any(String) });
    const after = await imageOnceItsPreviewIs(image.id, 'FAILED');
    expect(after.status).toBe('READY');
  });

  it('renditions disappear with their image, and with every image of a deleted mosaic', async () => {
    const mosaic = await newMosaic('Deleted later');
    const [first, second] = [await upload(mosaic.id, sixteenBit()), await upload(mosaic.id, sixteenBit(), 'b.tif')];
    await Promise.all([first, second].map((i) => ready(i.preview_url_l)));
    expect(await keysOf(first.id)).toHaveLength(2);

    expect((await call('DELETE', `/rasters/image/${first.id}`)).status).toBe(204);
    await eventually(async () => (await keysOf(first.id)).length === 0);
    expect((await fetchPreview(first.preview_url_s)).status).toBe(404);

    expect((await call('DELETE', `/rasters/mosaic/${mosaic.id}`)).status).toBeLessThan(300);
    await eventually(async () => (await keysOf(second.id)).length === 0);
    const gone = await fetchPreview(second.preview_url_l);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { detail: { code: string } }).detail.code).toBe('ItemNotFound');
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CatalogErrorSchema, ImageSchema, MosaicSchema, type Image } from '@mi/contracts';
import { GcsBlobStore } from '@mi/storage';
import {
  api,
  eventually,
  sharedFixture,
  stackEnv,
  startPlatform,
  uniqueName,
  uploadFile,
  type Platform,
} from '@mi/testing';
import { bucketOf } from '../../deploy/local/service-processes';
import { aGeoTiff, removeGeoTiffFixtures } from '../../libs/raster/src/geotiff/testing/a-geotiff.builder';
import { aTiffHeader } from '../../libs/raster/src/geotiff/testing/a-tiff-header.builder';

const withoutPreview = ({ preview_status: _, meta_data, ...image }: Image) => {
  const { preview_bands: _bands, preview_alpha_band: _alpha, ...metadata } = meta_data;
  return { ...image, meta_data: metadata };
};
const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** A bucket an operator lets everyone link from (ingest's LINK_ALLOWED_PREFIXES). */
const sharedDrop = { bucket: uniqueName('e2e-link-src'), prefix: 'drop/' };

describe('uploading GeoTIFFs through the gateway', () => {
  let platform: Platform;
  let call: ReturnType<typeof api>;
  let bucket: GcsBlobStore;

  beforeAll(async () => {
    platform = await startPlatform('e2e-uploads', {
      ingest: { LINK_ALLOWED_PREFIXES: `gs://${sharedDrop.bucket}/${sharedDrop.prefix}` },
    });
    call = api(platform);
    bucket = new GcsBlobStore({
      bucket: bucketOf(platform.namespace),
      apiEndpoint: stackEnv.gcsApiEndpoint,
      projectId: 'test',
    });
  });
  afterAll(async () => {
    removeGeoTiffFixtures();
    await platform?.stop();
    await bucket?.deletePrefix('images/').catch(() => undefined);
  });

  const newMosaic = async (name = 'Uploads') =>
    MosaicSchema.parse((await call('POST', '/rasters/mosaic', { name })).json);
  const uploadTo = (mosaicId: string, file: Parameters<typeof uploadFile>[2], token = platform.tokens.alice) =>
    uploadFile(`${platform.gatewayUrl}/rest/rasters/mosaic/${mosaicId}/image`, token, file);
  const storedKeys = async () => {
    const keys: string[] = [];
    for await (const blob of bucket.list('images/')) keys.push(blob.key);
    return keys.sort();
  };

  it('accepts a GeoTIFF: 200 with the full Image, stored, listed, counted in its mosaic', async () => {
    const mosaic = await newMosaic();
    const path = sharedFixture('utm.tif');
    const bytes = readFileSync(path);
    const response = await uploadTo(mosaic.id, path);
    expect(response.status).toBe(200);
    const image = ImageSchema.parse(response.json);
    expect(image).toMatchObject({
      mosaic_id: mosaic.id,
      filename: 'utm.tif',
      file_size: bytes.length,
      checksum: sha1(bytes),
      status: 'READY',
      meta_data: { count: 1, width: 100, height: 100, dtypes: ['uint8'] },
    });
    expect(image.image_url).toMatch(new RegExp(`^gs://${bucketOf(platform.namespace)}/images/`));
    expect(image.footprint).toMatch(/^POLYGON ?\(\(/);
    expect(await storedKeys()).toContain(`images/${image.id}`);

    // Everything but the previews' state, which moves on by itself (previews.e2e covers it).
    expect(withoutPreview((await call('GET', `/rasters/image/${image.id}`)).json)).toEqual(withoutPreview(image));
    const listed = (await call('GET', `/rasters/mosaic/${mosaic.id}/image`)).json as Image[];
    expect(listed.map(withoutPreview)).toEqual([withoutPreview(image)]);
    const after = MosaicSchema.parse((await call('GET', `/rasters/mosaic/${mosaic.id}`)).json);
    expect(after).toMatchObject({
      image_count: 1,
      sizeInBytes: bytes.length,
      status: 'READY',
      footprint: image.footprint,
    });
    expect(after.raster_profile).toMatchObject({
      crs: image.meta_data.crs,
      count: 1,
      pixel_size: image.meta_data.pixel_size,
    });

    const download = await call('GET', `/rasters/image/${image.id}/download`);
    expect(download.json).toMatchObject({ filename: 'utm.tif', expires_in: expect.any(Number) });
    const fetched = Buffer.from(await (await fetch(download.json.download_url)).arrayBuffer());
    expect(sha1(fetched)).toBe(image.checksum);
  });

  it('rejects an image that does not fit the mosaic, naming the parameter, and keeps nothing of it', async () => {
    const mosaic = await newMosaic();
    const first = await uploadTo(mosaic.id, { name: 'ten-metre.tif', bytes: readFileSync(aGeoTiff()) });
    expect(first.status).toBe(200);
    const before = await storedKeys();
    const coarse = aGeoTiff({ geoTransform: [500000, 20, 0, 4000000, 0, -20] });
    const response = await uploadTo(mosaic.id, { name: 'twenty-metre.tif', bytes: readFileSync(coarse) });
    expect(response.status).toBe(400);
    expect(CatalogErrorSchema.parse(response.json).detail).toEqual({
      code: 'FileValidationFailed',
      parameters: {
        filename: 'twenty-metre.tif',
        mosaic_id: mosaic.id,
        param_name: 'pixel_size',
        got_param: [20, 20],
        expected_param: [10, 10],
      },
    });
    // Ingest removes the refused original when it hears the catalog's rejection.
    await eventually(async () => JSON.stringify(await storedKeys()) === JSON.stringify(before));
    const images = (await call('GET', `/rasters/mosaic/${mosaic.id}/image`)).json;
    expect(images.map((i: { id: string }) => i.id)).toEqual([first.json.id]);
    expect((await call('GET', `/rasters/mosaic/${mosaic.id}`)).json.sizeInBytes).toBe(first.json.file_size);
  });

  it.each([
    [
      'a file that is not a TIFF',
      () => ({ name: 'notes.tif', bytes: Buffer.from('just some text, not an image') }),
      'FileOpenError',
      { filename: 'notes.tif' },
    ],
    [
      'an empty file',
      () => ({ name: 'empty.tif', bytes: Buffer.alloc(0) }),
      'FileOpenError',
      { filename: 'empty.tif' },
    ],
    [
      'a TIFF without georeference',
      () => ({ name: 'plain.tif', bytes: readFileSync(aGeoTiff({ crs: null, geoTransform: null })) }),
      'FileCheckFailed',
      { filename: 'plain.tif', bad_parameters: expect.any(Array) },
    ],
    [
      'a header claiming 200,000 pixels per side',
      () => ({ name: 'huge.tif', bytes: aTiffHeader({ width: 200_000, height: 200_000 }).bytes }),
      'ImageTooLarge',
      { filename: 'huge.tif', width: 200_000, height: 200_000, max_pixels_per_side: 100_000 },
    ],
    [
      'corners outside the lon/lat range',
      () => ({
        name: 'nowhere.tif',
        bytes: readFileSync(aGeoTiff({ crs: 'EPSG:4326', geoTransform: [400, 1, 0, 100, 0, -1] })),
      }),
      'ImageOutOfBounds',
      { filename: 'nowhere.tif' },
    ],
  ])('rejects %s with 400 %s, storing and counting nothing', async (_case, file, code, parameters) => {
    const mosaic = await newMosaic();
    const before = await storedKeys();
    const response = await uploadTo(mosaic.id, file());
    expect(response.status).toBe(400);
    expect(CatalogErrorSchema.parse(response.json).detail).toEqual({ code, parameters });
    expect(await storedKeys()).toEqual(before);
    expect((await call('GET', `/rasters/mosaic/${mosaic.id}`)).json).toMatchObject({ image_count: 0, sizeInBytes: 0 });
  });

  it('answers 404 for an upload into a mosaic that is not the caller’s, before reading the file', async () => {
    const mosaic = await newMosaic();
    const response = await uploadTo(mosaic.id, sharedFixture('utm.tif'), platform.tokens.bob);
    expect(response.status).toBe(404);
    expect(response.json.detail).toEqual({
      code: 'ItemNotFound',
      parameters: { instance_type: 'mosaic', uid: mosaic.id },
    });
  });

  it('creates a mosaic from its first image, with repeated or comma-joined tags', async () => {
    const url = `${platform.gatewayUrl}/rest/rasters/mosaic/image?name=Fresh&tags=a,%20b&tags=c`;
    const response = await uploadFile(url, platform.tokens.alice, sharedFixture('wildfires.tiff'));
    expect(response.status).toBe(200);
    const image = ImageSchema.parse(response.json);
    const mosaic = (await call('GET', `/rasters/mosaic/${image.mosaic_id}`)).json;
    expect(mosaic).toMatchObject({ name: 'Fresh', tags: ['a', 'b', 'c'], image_count: 1 });
  });

  it('leaves no mosaic behind when the first image of a new mosaic is refused', async () => {
    const before = (await call('GET', '/rasters/mosaic')).json.length;
    const url = `${platform.gatewayUrl}/rest/rasters/mosaic/image?name=Never`;
    const response = await uploadFile(url, platform.tokens.alice, { name: 'bad.tif', bytes: Buffer.from('nope') });
    expect(response.status).toBe(400);
    expect((await call('GET', '/rasters/mosaic')).json.length).toBe(before);
  });

  it('links an image from a bucket the operator allowed: server-side copy, same checks', async () => {
    const mosaic = await newMosaic();
    const source = new GcsBlobStore({
      bucket: sharedDrop.bucket,
      apiEndpoint: stackEnv.gcsApiEndpoint,
      projectId: 'test',
    });
    await source.ensureBucket();
    const { Readable } = await import('node:stream');
    await source.write(`${sharedDrop.prefix}utm.tif`, Readable.from([readFileSync(sharedFixture('utm.tif'))]));
    const response = await call('POST', `/rasters/mosaic/${mosaic.id}/link-image`, {
      url: source.uri(`${sharedDrop.prefix}utm.tif`),
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ message: expect.any(String), mosaic_id: mosaic.id });
    const images = (await call('GET', `/rasters/mosaic/${mosaic.id}/image`)).json;
    expect(images).toHaveLength(1);
    expect(images[0].checksum).toBe(sha1(readFileSync(sharedFixture('utm.tif'))));
    await source.deletePrefix(sharedDrop.prefix);
  });

  it('deletes the stored original when its image is deleted', async () => {
    const mosaic = await newMosaic();
    const image = (await uploadTo(mosaic.id, sharedFixture('utm.tif'))).json;
    expect(await storedKeys()).toContain(`images/${image.id}`);
    expect((await call('DELETE', `/rasters/image/${image.id}`)).status).toBe(204);
    await eventually(async () => !(await storedKeys()).includes(`images/${image.id}`));
  });
});

import { BulkDeleteResponseSchema, CatalogErrorSchema, MosaicSchema } from '@mi/contracts';
import { api, startPlatform, type Platform } from '@mi/testing';
import { randomUUID } from 'node:crypto';

describe('managing mosaics through the gateway', () => {
  let platform: Platform;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    platform = await startPlatform('e2e-crud');
    call = api(platform);
  });
  afterAll(() => platform?.stop());

  const create = async (name: string, tags: string[] = []) => {
    const response = await call('POST', '/rasters/mosaic', { name, tags });
    expect(response.status).toBe(200);
    return MosaicSchema.parse(response.json);
  };

  function expectError(response: { status: number; json: unknown }, status: number, code: string, parameters: object) {
    expect(response.status).toBe(status);
    const body = CatalogErrorSchema.parse(response.json);
    expect(body.detail.code).toBe(code);
    expect(body.detail.parameters).toEqual(parameters);
  }

  it('gets one mosaic by id with every key', async () => {
    const mosaic = await create('One', ['a']);
    const response = await call('GET', `/rasters/mosaic/${mosaic.id}`);
    expect(response.status).toBe(200);
    expect(MosaicSchema.parse(response.json)).toEqual(mosaic);
  });

  it('renames and replaces tags with PUT, answering the whole mosaic', async () => {
    const mosaic = await create('Before', ['old', 'keep']);
    const response = await call('PUT', `/rasters/mosaic/${mosaic.id}`, { name: 'After', tags: ['new'] });
    expect(response.status).toBe(200);
    const updated = MosaicSchema.parse(response.json);
    expect(updated).toMatchObject({ id: mosaic.id, name: 'After', tags: ['new'], created_at: mosaic.created_at });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(mosaic.updated_at));
    expect((await call('GET', `/rasters/mosaic/${mosaic.id}`)).json).toEqual(updated);
  });

  it('changes only the tags when only tags are sent', async () => {
    const mosaic = await create('Tags only', ['x']);
    const response = await call('PUT', `/rasters/mosaic/${mosaic.id}`, { tags: [] });
    expect(response.json).toMatchObject({ name: 'Tags only', tags: [] });
  });

  it('deletes a mosaic: 204, then it is neither listed nor found', async () => {
    const mosaic = await create('Doomed');
    expect((await call('DELETE', `/rasters/mosaic/${mosaic.id}`)).status).toBe(204);
    const listed = await call('GET', '/rasters/mosaic');
    expect(listed.json.map((m: { id: string }) => m.id)).not.toContain(mosaic.id);
    expectError(await call('GET', `/rasters/mosaic/${mosaic.id}`), 404, 'ItemNotFound', {
      instance_type: 'mosaic',
      uid: mosaic.id,
    });
  });

  it('bulk-deletes what it can and says why for each id it could not', async () => {
    const [a, b] = [await create('Bulk A'), await create('Bulk B')];
    const missing = randomUUID();
    const response = await call('POST', '/rasters/mosaic/delete', { ids: [a.id, missing, b.id, 'not-a-uuid'] });
    expect(response.status).toBe(200);
    const body = BulkDeleteResponseSchema.parse(response.json);
    expect(body.deleted.sort()).toEqual([a.id, b.id].sort());
    expect(body.failed).toEqual([
      { id: missing, detail: { code: 'ItemNotFound', parameters: { instance_type: 'mosaic', uid: missing } } },
      { id: 'not-a-uuid', detail: { code: 'BadRequest', parameters: { field: 'ids', reason: 'must be a UUID' } } },
    ]);
    const listed = (await call('GET', '/rasters/mosaic')).json.map((m: { id: string }) => m.id);
    expect(listed).not.toContain(a.id);
    expect(listed).not.toContain(b.id);
  });

  it('lists the images of a mosaic as an empty array while it has none', async () => {
    const mosaic = await create('Empty');
    const response = await call('GET', `/rasters/mosaic/${mosaic.id}/image`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual([]);
  });

  it.each([
    ['GET', '/rasters/mosaic/{missing}', 'mosaic'],
    ['PUT', '/rasters/mosaic/{missing}', 'mosaic'],
    ['DELETE', '/rasters/mosaic/{missing}', 'mosaic'],
    ['GET', '/rasters/mosaic/{missing}/image', 'mosaic'],
    ['GET', '/rasters/image/{missing}', 'image'],
    ['PUT', '/rasters/image/{missing}?name=x.tif', 'image'],
    ['DELETE', '/rasters/image/{missing}', 'image'],
  ])('%s %s answers 404 ItemNotFound naming the %s', async (method, route, instanceType) => {
    const missing = randomUUID();
    const response = await call(
      method,
      route.replace('{missing}', missing),
      method === 'PUT' ? { name: 'x' } : undefined,
    );
    expectError(response, 404, 'ItemNotFound', { instance_type: instanceType, uid: missing });
  });

  it.each([
    ['GET', '/rasters/mosaic/not-a-uuid'],
    ['DELETE', '/rasters/image/123'],
  ])('%s %s answers 400 BadRequest naming the id', async (method, route) => {
    expectError(await call(method, route), 400, 'BadRequest', { field: 'id', reason: 'must be a UUID' });
  });

  it('refuses a crafted id that tries to reach another internal route', async () => {
    const response = await call('GET', `/rasters/mosaic/..%2F..%2Fhealth%2Fready`);
    expect(response.status).toBe(400);
  });

  it.each([
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 'ok', tags: 'not-an-array' }, 'tags'],
    [{ name: 'ok', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
    [{ name: 'ok', tags: ['y'.repeat(65)] }, 'tags'],
  ])('rejects a bad mosaic body %# with BadRequest naming %s', async (body, field) => {
    const response = await call('POST', '/rasters/mosaic', body);
    expect(response.status).toBe(400);
    expect(response.json.detail).toMatchObject({ code: 'BadRequest', parameters: { field } });
  });

  it('rejects a bulk delete without ids', async () => {
    const response = await call('POST', '/rasters/mosaic/delete', { ids: [] });
    expect(response.status).toBe(400);
    expect(response.json.detail).toMatchObject({ code: 'BadRequest', parameters: { field: 'ids' } });
  });
});

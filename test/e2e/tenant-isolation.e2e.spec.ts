import { BulkDeleteResponseSchema, CatalogErrorSchema } from '@mi/contracts';
import { api, startPlatform, type Platform } from '@mi/testing';

/** Another user's ids answer exactly like ids that do not exist: 404, never 403, never a leak. */
describe('two users on one platform', () => {
  let platform: Platform;
  let alice: ReturnType<typeof api>;
  let bob: ReturnType<typeof api>;
  let aliceMosaic: string;

  beforeAll(async () => {
    platform = await startPlatform('e2e-tenants');
    alice = api(platform, platform.tokens.alice);
    bob = api(platform, platform.tokens.bob);
    aliceMosaic = (await alice('POST', '/rasters/mosaic', { name: "Alice's fields" })).json.id;
  });
  afterAll(() => platform?.stop());

  const notFound = { instance_type: 'mosaic', uid: '' };

  it("does not list another user's mosaics", async () => {
    const listed = await bob('GET', '/rasters/mosaic');
    expect(listed.status).toBe(200);
    expect(listed.json.map((m: { id: string }) => m.id)).not.toContain(aliceMosaic);
  });

  it.each([
    ['GET', ''],
    ['PUT', ''],
    ['DELETE', ''],
    ['GET', '/image'],
  ])("answers %s on another user's mosaic%s with 404 ItemNotFound", async (method, suffix) => {
    const response = await bob(
      method,
      `/rasters/mosaic/${aliceMosaic}${suffix}`,
      method === 'PUT' ? { name: 'Mine now' } : undefined,
    );
    expect(response.status).toBe(404);
    expect(CatalogErrorSchema.parse(response.json).detail).toEqual({
      code: 'ItemNotFound',
      parameters: { ...notFound, uid: aliceMosaic },
    });
  });

  it("cannot bulk-delete another user's mosaic, and says so as not found", async () => {
    const response = await bob('POST', '/rasters/mosaic/delete', { ids: [aliceMosaic] });
    expect(BulkDeleteResponseSchema.parse(response.json)).toEqual({
      deleted: [],
      failed: [{ id: aliceMosaic, detail: { code: 'ItemNotFound', parameters: { ...notFound, uid: aliceMosaic } } }],
    });
  });

  it("leaves the owner's mosaic untouched by everything the other user tried", async () => {
    const response = await alice('GET', `/rasters/mosaic/${aliceMosaic}`);
    expect(response.status).toBe(200);
    expect(response.json.name).toBe("Alice's fields");
  });
});

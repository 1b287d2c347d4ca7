import { CatalogErrorSchema, MosaicSchema, TOPICS } from '@mi/contracts';
import { api, readTopic, startPlatform, testKafka, type Platform } from '@mi/testing';

/** A token whose secret is real but whose email is someone else's. */
function swapEmail(token: string, email: string): string {
  const secret = Buffer.from(token, 'base64').toString('utf8').split(':').slice(1).join(':');
  return `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;
}

describe('mosaics through the gateway', () => {
  let platform: Platform;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    platform = await startPlatform('e2e-mosaics');
    call = api(platform);
  });
  afterAll(() => platform?.stop());

  it('creates a mosaic with 200 and every key of the API.md Mosaic object', async () => {
    const response = await call('POST', '/rasters/mosaic', { name: 'Fields 2026', tags: ['crops', ' crops', 'wheat'] });
    expect(response.status).toBe(200);
    const mosaic = MosaicSchema.parse(response.json); // strict: no key missing, none extra
    expect(mosaic).toMatchObject({
      name: 'Fields 2026',
      tags: ['crops', 'wheat'],
      footprint: null,
      sizeInBytes: 0,
      image_count: 0,
      rasterLayer: null,
      status: 'EMPTY',
      raster_profile: null,
    });
    expect(mosaic.created_at).toBe(mosaic.updated_at);
  });

  it('lists a mosaic right after its create, by the same client, with no wait', async () => {
    const created = await call('POST', '/rasters/mosaic', { name: 'Read your writes' });
    const listed = await call('GET', '/rasters/mosaic');
    expect(listed.status).toBe(200);
    expect(Array.isArray(listed.json)).toBe(true);
    for (const m of listed.json) MosaicSchema.parse(m);
    expect(listed.json.filter((m: { id: string }) => m.id === created.json.id)).toHaveLength(1);
  });

  it("carries the caller's correlation id into the event it caused, with the actor", async () => {
    const response = await fetch(`${platform.gatewayUrl}/rest/rasters/mosaic`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${platform.tokens.alice}`,
        'content-type': 'application/json',
        'x-correlation-id': 'trace-42',
      },
      body: JSON.stringify({ name: 'Traced' }),
    });
    expect(response.headers.get('x-correlation-id')).toBe('trace-42');
    const { id } = (await response.json()) as { id: string };
    const messages = await readTopic(testKafka(), platform.topic(TOPICS.catalogEvents), (m) =>
      m.some((message) => message.key === id),
    );
    const event = messages.map((m) => JSON.parse(m.value)).find((e) => e.streamId === id);
    expect(event).toMatchObject({
      correlationId: 'trace-42',
      actor: 'alice@example.com',
      type: 'catalog.MosaicCreated',
    });
  });

  it('accepts the same token as a Bearer token', async () => {
    const response = await fetch(`${platform.gatewayUrl}/rest/rasters/mosaic`, {
      headers: { authorization: `Bearer ${platform.tokens.alice}` },
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['a wrong token', () => `Basic ${Buffer.from('alice@example.com:wrong').toString('base64')}`],
    ['a revoked-looking forged token', () => `Basic ${platform.tokens.alice.slice(0, -4)}AAAA`],
    ["another user's secret with alice's email", () => swapEmail(platform.tokens.bob, 'alice@example.com')],
    ['an unknown scheme', () => `Token ${platform.tokens.alice}`],
  ])('answers 401 with the error envelope for %s', async (_case, header) => {
    const value = header();
    const response = await fetch(`${platform.gatewayUrl}/rest/rasters/mosaic`, {
      headers: value ? { authorization: value } : {},
    });
    expect(response.status).toBe(401);
    expect(CatalogErrorSchema.parse(await response.json()).detail.code).toBe('Unauthorized');
  });

  it('rejects a mosaic without a name with BadRequest naming the field', async () => {
    const response = await call('POST', '/rasters/mosaic', { tags: [] });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      detail: { code: 'BadRequest', parameters: { field: 'name', reason: expect.any(String) } },
    });
  });

  it('rejects an empty name after trimming', async () => {
    const response = await call('POST', '/rasters/mosaic', { name: '   ' });
    expect(response.status).toBe(400);
    expect(response.json.detail).toMatchObject({ code: 'BadRequest', parameters: { field: 'name' } });
  });

  it('answers the version as plain text x.y.z', async () => {
    const response = await fetch(`${platform.gatewayUrl}/rest/version`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports ready, and serves Prometheus metrics on its metrics port', async () => {
    const ready = await fetch(`${platform.service('catalog').url}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { mongodb: 'up', kafka: 'up' } });
    const metrics = await (await fetch(`${platform.service('catalog').metricsUrl}/metrics`)).text();
    expect(metrics).toContain('mi_http_request_duration_seconds');
    expect(metrics).toContain('process_resident_memory_bytes');
  });
});

import http from 'node:http';
import { ImageSchema, MosaicSchema } from '@mi/contracts';
import { api, sharedFixture, startPlatform, uploadFile, type Platform } from '@mi/testing';

// Issue 11, as a client (or anyone on the network) sees the platform: bodies that would
// overflow a stack, headers, what the public port tells about the processes behind it, text a
// user types, and ids crafted to reach another route.

const SERVICES = ['gateway', 'catalog', 'ingest', 'quota', 'previews'];
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const tooDeep = { field: 'body', reason: 'nested deeper than 64 levels' };

describe('HTTP hardening through the gateway', () => {
  let platform: Platform;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    platform = await startPlatform('e2e-hardening');
    call = api(platform);
  });
  afterAll(() => platform?.stop());

  /** A JSON body sent as the bytes given: api() would stringify it. */
  const sendRaw = async (method: string, route: string, body: string) => {
    const response = await fetch(`${platform.gatewayUrl}/rest${route}`, {
      method,
      headers: { authorization: `Basic ${platform.tokens.alice}`, 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };

  const aMosaic = async (name = 'Hardening') =>
    MosaicSchema.parse((await call('POST', '/rasters/mosaic', { name })).json);

  describe('bodies nested 300,000 deep', () => {
    it.each([
      ['a bare array', nested(300_000)],
      ['an otherwise valid mosaic', `{"name":"x","tags":["a"],"extra":${nested(300_000)}}`],
    ])('answers POST with %s 400 BadRequest on the body', async (_, body) => {
      expect(await sendRaw('POST', '/rasters/mosaic', body)).toEqual({
        status: 400,
        json: { detail: { code: 'BadRequest', parameters: tooDeep } },
      });
    });

    it('answers PUT on a mosaic 400 BadRequest on the body, and leaves the mosaic as it was', async () => {
      const mosaic = await aMosaic();
      const response = await sendRaw('PUT', `/rasters/mosaic/${mosaic.id}`, `{"name":${nested(300_000)}}`);
      expect(response).toEqual({ status: 400, json: { detail: { code: 'BadRequest', parameters: tooDeep } } });
      expect((await call('GET', `/rasters/mosaic/${mosaic.id}`)).json).toMatchObject({ name: 'Hardening' });
    });

    it('answers a processing route in the processing envelope', async () => {
      expect(await sendRaw('POST', '/processings', nested(300_000))).toEqual({
        status: 400,
        json: { code: 'BAD_REQUEST', message: `body: ${tooDeep.reason}`, params: tooDeep },
      });
    });
  });

  describe('headers', () => {
    it.each([
      ['an API answer', '/rest/rasters/mosaic', true],
      ['an error', '/rest/rasters/mosaic', false],
      ['a missing route', '/rest/nowhere', true],
    ])('sends nosniff and no X-Powered-By on %s', async (_, route, authenticated) => {
      const headers: Record<string, string> = authenticated ? { authorization: `Basic ${platform.tokens.alice}` } : {};
      const response = await fetch(`${platform.gatewayUrl}${route}`, { headers });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('sends them from every internal service too', async () => {
      for (const service of SERVICES) {
        const response = await fetch(`${platform.service(service).url}/health/live`);
        expect([service, response.headers.get('x-content-type-options')]).toEqual([service, 'nosniff']);
        expect([service, response.headers.get('x-powered-by')]).toEqual([service, null]);
      }
    });

    it("keeps the web page's own content security policy", async () => {
      const response = await fetch(`${platform.gatewayUrl}/`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('what the public port tells', () => {
    it('answers /metrics 404 on the public port, and Prometheus metrics on each metrics port', async () => {
      expect((await fetch(`${platform.gatewayUrl}/metrics`)).status).toBe(404);
      for (const service of SERVICES) {
        expect((await fetch(`${platform.service(service).url}/metrics`)).status).toBe(404);
        const metrics = await fetch(`${platform.service(service).metricsUrl}/metrics`);
        expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        const text = await metrics.text();
        expect(text).toContain('mi_http_request_duration_seconds');
        expect(text).toContain(`process_resident_memory_bytes{service="${service}"}`);
      }
    });

    it('answers /health/live with its status only, and keeps /health/ready on the public port', async () => {
      for (const service of SERVICES) {
        expect(await (await fetch(`${platform.service(service).url}/health/live`)).json()).toEqual({ status: 'ok' });
        expect((await fetch(`${platform.service(service).url}/health/ready`)).status).toBe(200);
      }
    });
  });

  describe('names, tags and file names', () => {
    it('stores a mosaic name and tags without NUL, CR/LF or bidi overrides, on create and update', async () => {
      const created = await call('POST', '/rasters/mosaic', {
        name: 'Fields\u0000\r\n2026\u202E',
        tags: ['crops\n', '\u2066wheat\u2069', '\u0000'],
      });
      expect(created.json).toMatchObject({ name: 'Fields 2026', tags: ['crops', 'wheat'] });
      const id = MosaicSchema.parse(created.json).id;
      const updated = await call('PUT', `/rasters/mosaic/${id}`, { name: 'North\u202Ecorner\t', tags: ['a\r\nb'] });
      expect(updated.json).toMatchObject({ name: 'Northcorner', tags: ['a b'] });
    });

    it('answers a name that is empty once cleaned 400 BadRequest naming the field', async () => {
      const response = await call('POST', '/rasters/mosaic', { name: '\u0000\r\n\u202E\t' });
      expect(response.status).toBe(400);
      expect(response.json.detail).toMatchObject({ code: 'BadRequest', parameters: { field: 'name' } });
    });

    it('renames an image to its last path segment, cleaned and capped, or refuses what leaves no name', async () => {
      const mosaic = await aMosaic('Renames');
      const url = `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaic.id}/image`;
      const upload = await uploadFile(url, platform.tokens.alice, sharedFixture('utm.tif'));
      expect(upload.status).toBe(200);
      const imageId = ImageSchema.parse(upload.json).id;
      const rename = (name: string) => call('PUT', `/rasters/image/${imageId}?name=${encodeURIComponent(name)}`);

      expect((await rename('../../etc/passwd')).json).toMatchObject({ filename: 'passwd' });
      expect((await rename('..\\..\\south\u0000\r\n\u202Egpj.tif')).json).toMatchObject({ filename: 'south gpj.tif' });
      const long = await rename(`${'\u00e9'.repeat(1000)}.tif`);
      expect(long.status).toBe(200);
      expect(Buffer.byteLength(long.json.filename)).toBeLessThanOrEqual(255);
      expect(long.json.filename).toMatch(/^\u00e9+\.tif$/);
      for (const name of ['..', '\u0000\u202E']) {
        const refused = await rename(name);
        expect(refused.status).toBe(400);
        expect(refused.json.detail).toMatchObject({ code: 'BadRequest', parameters: { field: 'name' } });
      }
    });
  });

  describe('crafted ids', () => {
    /** fetch (WHATWG URL) turns a `%2e` segment into `.` and drops it: send the path verbatim, as curl does. */
    const sendVerbatim = (method: string, route: string, body?: unknown) =>
      new Promise<{ status: number; json: any }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const request = http.request(
          `${platform.gatewayUrl}/rest${route}`,
          {
            method,
            path: `/rest${route}`,
            headers: {
              authorization: `Basic ${platform.tokens.alice}`,
              ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
            },
            timeout: 10_000,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                json: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
              }),
            );
          },
        );
        request.on('timeout', () => request.destroy(new Error(`${method} ${route} timed out`)));
        request.on('error', reject);
        request.end(payload);
      });

    it.each([
      ['GET', '/rasters/mosaic/%2e'],
      ['GET', '/rasters/mosaic/%2e%2e'],
      ['GET', '/rasters/mosaic/%2E'],
      ['GET', '/rasters/mosaic/%2e/image'],
      ['PUT', '/rasters/mosaic/%2e'],
      ['DELETE', '/rasters/mosaic/%2e'],
      ['GET', '/rasters/image/%2e'],
      ['GET', '/rasters/image/%2e/download'],
      ['GET', '/rasters/image/%2e/status'],
      ['PUT', '/rasters/image/%2e?name=x.tif'],
      ['DELETE', '/rasters/image/%2e'],
    ])('%s %s answers 400 BadRequest naming the id, and reaches no other route', async (method, route) => {
      const response = await sendVerbatim(
        method,
        route,
        method === 'PUT' && route.includes('mosaic') ? { name: 'x' } : undefined,
      );
      expect(response).toEqual({
        status: 400,
        json: { detail: { code: 'BadRequest', parameters: { field: 'id', reason: 'must be a UUID' } } },
      });
    });
  });
});

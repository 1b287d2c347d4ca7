import { CatalogErrorSchema } from '@mi/contracts';
import { api, startPlatform, type Platform } from '@mi/testing';

describe('gateway limits and docs', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform('e2e-limits', {
      gateway: { RATE_LIMIT_PER_MINUTE: '8', JSON_BODY_LIMIT: '2kb', AUTH_FAILURES_PER_MINUTE: '5' },
    });
  });
  afterAll(() => platform?.stop());

  it('serves the OpenAPI document at /rest/docs without auth', async () => {
    const response = await fetch(`${platform.gatewayUrl}/rest/docs`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths).toHaveProperty('/rest/rasters/mosaic/{id}');
  });

  it('refuses a JSON body over the limit with 413 and the error envelope', async () => {
    const response = await api(platform)('POST', '/rasters/mosaic', { name: 'x', tags: ['y'.repeat(4096)] });
    expect(response.status).toBe(413);
    expect(CatalogErrorSchema.parse(response.json).detail.code).toBe('PayloadTooLarge');
  });

  it('limits each caller by token: past the limit, 429 TooManyRequests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${platform.gatewayUrl}/rest/rasters/mosaic`, {
        headers: { authorization: `Basic ${platform.tokens.alice}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(CatalogErrorSchema.parse(await response.json()).detail.code).toBe('TooManyRequests');
      } else {
        await response.arrayBuffer();
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(8);
    expect(statuses.at(-1)).toBe(429);
  });

  it('refuses an address that keeps sending wrong tokens, before checking them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const guess = Buffer.from(`alice@example.com:guess-${i}`).toString('base64');
      const response = await fetch(`${platform.gatewayUrl}/rest/rasters/mosaic`, {
        headers: { authorization: `Basic ${guess}` },
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

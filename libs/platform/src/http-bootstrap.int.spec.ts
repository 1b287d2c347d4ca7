import { connect } from 'node:net';
import { Body, Controller, Module, Param, Post, Put, type INestApplication } from '@nestjs/common';
import { freePort } from '@mi/testing';
import { ObservabilityModule } from './health';
import { bootstrapService } from './http-bootstrap';
import { createLogger } from './logger';
import { metricsRegistry } from './metrics';

// What every service gets from bootstrapService, on a service with one route of each envelope:
// the HTTP hardening of issue 11 lives in one place, so it is tested there, on real sockets.

@Controller()
class ProbeController {
  @Post('rest/rasters/mosaic')
  create(@Body() body: unknown) {
    return { received: typeof body };
  }

  @Put('rest/rasters/mosaic/:id')
  update(@Param('id') id: string, @Body() body: unknown) {
    return { id, received: typeof body };
  }

  @Post('rest/processings')
  process(@Body() body: unknown) {
    return { received: typeof body };
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ inject: [], useFactory: () => [] })],
  controllers: [ProbeController],
})
class ProbeModule {}

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('bootstrapService: HTTP hardening for every service', () => {
  let app: INestApplication;
  let base: string;
  let metricsBase: string;

  beforeAll(async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    app = await bootstrapService({
      service: 'probe',
      module: { module: ProbeModule },
      logger: createLogger('probe', 'silent'),
      host: '127.0.0.1',
      port,
      metricsPort,
      serviceTokenSecret: 'a-test-secret-of-at-least-32-characters',
      jsonBodyLimit: '1mb',
    });
    base = `http://127.0.0.1:${port}`;
    metricsBase = `http://127.0.0.1:${metricsPort}`;
  });
  afterAll(() => app?.close());

  const send = async (method: string, path: string, body: string) => {
    const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, json: (await response.json()) as any };
  };

  it.each([
    ['POST', '/rest/rasters/mosaic', nested(300_000)],
    ['POST', '/rest/rasters/mosaic', `{"name":"x","tags":["a"],"extra":${nested(300_000)}}`],
    ['PUT', '/rest/rasters/mosaic/0195f0a0-0000-7000-8000-000000000001', `{"name":${nested(300_000)}}`],
  ])('answers %s %s with a body nested 300,000 deep (%#) 400 BadRequest on the body', async (method, path, body) => {
    expect(await send(method, path, body)).toEqual({
      status: 400,
      json: { detail: { code: 'BadRequest', parameters: { field: 'body', reason: 'nested deeper than 64 levels' } } },
    });
  });

  it('answers a deep body on a processing route in the processing envelope', async () => {
    expect(await send('POST', '/rest/processings', nested(300_000))).toEqual({
      status: 400,
      json: {
        code: 'BAD_REQUEST',
        message: 'body: nested deeper than 64 levels',
        params: { field: 'body', reason: 'nested deeper than 64 levels' },
      },
    });
  });

  it('still takes a body nested to the limit', async () => {
    expect(await send('POST', '/rest/rasters/mosaic', nested(63))).toEqual({
      status: 201,
      json: { received: 'object' },
    });
  });

  it.each([
    ['an answer', '/health/live'],
    ['a missing route', '/nowhere'],
  ])('sends nosniff and no X-Powered-By on %s', async (_, path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sends nosniff on an error answer too', async () => {
    const response = await fetch(`${base}/rest/rasters/mosaic`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers /health/live with its status only: no pid or other detail of the process', async () => {
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });
  });

  it('serves Prometheus metrics on the metrics port, and not on the public one', async () => {
    const metrics = await fetch(`${metricsBase}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe(metricsRegistry.contentType);
    const text = await metrics.text();
    expect(text).toContain('mi_http_request_duration_seconds');
    expect(text).toContain('process_resident_memory_bytes');
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  });

  it('tells a launcher on the metrics port which process holds it', async () => {
    expect(await (await fetch(`${metricsBase}/process`)).json()).toEqual({ pid: process.pid });
    expect((await fetch(`${metricsBase}/health/live`)).status).toBe(404);
  });
  /** Bytes written as they are (fetch would refuse them), the whole answer read until the server closes. */
  const raw = (request: string) =>
    new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () => socket.write(request));
      socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        const [head, body] = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
      });
    });

  it.each([
    ['/rest/rasters/mosaic', { detail: { code: 'HeadersTooLarge', parameters: {} } }],
    ['/rest/user/status', { code: 'HEADERS_TOO_LARGE', message: 'request headers too large', params: null }],
  ])("answers headers past Node's 16 KB on %s 431 in its envelope, not an empty body", async (path, envelope) => {
    const answer = await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(40_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.headers).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(answer.body)).toEqual(envelope);
  });

  it('answers a request Node cannot parse 400 BadRequest in the envelope', async () => {
    const answer = await raw('GET /rest/rasters/mosaic HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      detail: { code: 'BadRequest', parameters: { field: 'request', reason: 'malformed HTTP request' } },
    });
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ServiceClient, ServiceUnavailable, UpstreamError } from './service-client';
import { SERVICE_TOKEN_HEADER, verifyServiceToken } from './service-token';

const secret = 'service-client-tests-secret-0123456789';
const alice = { owner: 'alice@example.com', plan: 'free' };

/** A stand-in internal service on loopback whose answer each test chooses. */
describe('ServiceClient against a real HTTP server', () => {
  let server: Server;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  let client: ServiceClient;

  beforeAll(async () => {
    server = createServer((req, res) => answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new ServiceClient({ service: 'catalog', baseUrl: `http://127.0.0.1:${port}`, secret, timeoutMs: 500 });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  it('signs each call for the caller and the called service', async () => {
    let seen: unknown;
    answer = (req, res) => {
      seen = verifyServiceToken(secret, 'catalog', req.headers[SERVICE_TOKEN_HEADER] as string);
      json(200, { ok: true })(req, res);
    };
    expect(await client.json('GET', '/internal/x', alice)).toEqual({ ok: true });
    expect(seen).toEqual(alice);
  });

  it("relays a service's own 4xx as UpstreamError with its status, code and parameters", async () => {
    answer = json(404, { detail: { code: 'ItemNotFound', parameters: { instance_type: 'mosaic', uid: 'x' } } });
    await expect(client.json('GET', '/internal/x', alice)).rejects.toEqual(
      new UpstreamError(404, 'ItemNotFound', { instance_type: 'mosaic', uid: 'x' }),
    );
  });

  it.each([
    ['a 500', json(500, { detail: { code: 'InternalError', parameters: {} } })],
    ['a 4xx without the envelope', json(400, { message: 'nope' })],
    ['a body that is not JSON', (_: IncomingMessage, res: ServerResponse) => res.writeHead(200).end('<html>')],
    ['no answer within the timeout', () => undefined],
    ['a connection cut mid-answer', (_: IncomingMessage, res: ServerResponse) => res.socket?.destroy()],
  ])('maps %s to ServiceUnavailable, never a crash', async (_case, handler) => {
    answer = handler;
    const failure = await client.json('GET', '/internal/x', alice).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailable);
    expect(failure).toMatchObject({ status: 503, code: 'ServiceUnavailable', parameters: { service: 'catalog' } });
  });

  it('maps an unreachable service to ServiceUnavailable', async () => {
    const gone = new ServiceClient({ service: 'quota', baseUrl: 'http://127.0.0.1:9', secret, timeoutMs: 500 });
    await expect(gone.json('GET', '/internal/x', alice)).rejects.toBeInstanceOf(ServiceUnavailable);
  });

  it('streams a body and parses the answer; a non-JSON answer to a stream is ServiceUnavailable too', async () => {
    answer = (req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => json(200, { bytes })(req, res));
    };
    const body = Readable.from([Buffer.alloc(70_000, 1), Buffer.alloc(30_000, 2)]);
    expect(await client.stream('/internal/up', alice, {}, body)).toEqual({ bytes: 100_000 });

    answer = (req, res) => req.resume().on('end', () => res.writeHead(200).end('not json'));
    await expect(client.stream('/internal/up', alice, {}, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
      ServiceUnavailable,
    );
  });
  it("rejects with the body's own error when the body fails, not ServiceUnavailable: the service is not down", async () => {
    answer = (req, res) => req.resume().on('end', () => json(200, {})(req, res));
    const cut = new Error('form cut short');
    const failing = new Readable({ read() {} });
    failing.push(Buffer.alloc(1000));
    setTimeout(() => failing.destroy(cut), 20);
    await expect(client.stream('/internal/up', alice, {}, failing)).rejects.toBe(cut);

    // Failed before the call: what it already emitted is not lost.
    const dead = new Readable({ read() {} });
    dead.on('error', () => undefined);
    dead.destroy(cut);
    await new Promise((resolve) => setImmediate(resolve));
    await expect(client.stream('/internal/up', alice, {}, dead)).rejects.toBe(cut);
  });
});

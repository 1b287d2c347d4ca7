import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitGuard } from './rate-limit.guard';

@Controller('mosaics')
class MosaicsRoute {
  @Get()
  list() {
    return [];
  }
}

@Controller('memory')
class MemoryRoute {
  @Get()
  show() {
    return {};
  }
}

describe('RateLimitGuard over HTTP', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ThrottlerModule.forRoot([{ ttl: 60_000, limit: 3 }])],
      controllers: [MosaicsRoute, MemoryRoute],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app?.close());

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Basic ${token}` } : {} });
    await response.arrayBuffer();
    return response.status;
  };

  it('gives each caller one budget across all routes', async () => {
    const statuses = [];
    for (const path of ['/mosaics', '/memory', '/mosaics', '/memory']) statuses.push(await get(path, 'dG9rZW4tYQ=='));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await get('/memory', 'dG9rZW4tYg==')).toBe(200);
  });

  it('gives anonymous callers one budget per address across all routes', async () => {
    const statuses = [];
    for (const path of ['/memory', '/mosaics', '/memory', '/mosaics']) statuses.push(await get(path));
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

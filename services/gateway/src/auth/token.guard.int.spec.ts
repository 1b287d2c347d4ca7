import { Controller, Get, UseGuards, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ApiErrorFilter } from '@mi/platform';
import { quietLogger } from '@mi/testing';
import { IdentityService } from '../identity/identity.service';
import { formatToken, newSecret } from '../identity/token';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { TokenGuard } from './token.guard';
import { TrustedProxiesSetting } from './trusted-proxies';

@Controller('mosaics')
@UseGuards(TokenGuard)
class GuardedRoute {
  @Get()
  list() {
    return [];
  }
}

/** Nobody's token is valid: every request with one is a failure of its client address. */
const noValidTokens = { authenticate: async () => null, hasVerified: () => false };

/** The gateway's guard behind express's `trust proxy`, set from TRUSTED_PROXIES as main.ts does. */
async function aGateway(trustedProxies: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [GuardedRoute],
    providers: [
      { provide: IdentityService, useValue: noValidTokens },
      { provide: AuthFailureLimiter, useValue: new AuthFailureLimiter(2) },
      TokenGuard,
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  app.set('trust proxy', TrustedProxiesSetting.parse(trustedProxies));
  app.useGlobalFilters(new ApiErrorFilter(quietLogger));
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('TokenGuard over HTTP, behind proxies', () => {
  const apps: INestApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  async function client(trustedProxies: string) {
    const app = await aGateway(trustedProxies);
    apps.push(app);
    const base = await app.getUrl();
    let guess = 0;
    // A new claimed identity each time: only the address can be what blocks.
    return async (forwardedFor: string) => {
      const token = formatToken(`guess-${guess++}@example.com`, newSecret('0195f0a0-0000-7000-8000-000000000001'));
      const response = await fetch(`${base}/mosaics`, {
        headers: { authorization: `Basic ${token}`, 'x-forwarded-for': forwardedFor },
      });
      await response.arrayBuffer();
      return response.status;
    };
  }

  it('counts failures per client named by X-Forwarded-For when the peer is a trusted proxy', async () => {
    const send = await client('10.0.0.0/8, 127.0.0.1');
    expect([await send('203.0.113.1'), await send('203.0.113.1'), await send('203.0.113.1')]).toEqual([401, 401, 429]);
    expect(await send('203.0.113.2')).toBe(401);
    // What the client itself put in front of the header does not change who it is.
    expect(await send('198.51.100.9, 203.0.113.1')).toBe(429);
  });

  it('ignores X-Forwarded-For when the peer is not a trusted proxy', async () => {
    for (const trusted of ['', '10.0.0.0/8']) {
      const send = await client(trusted);
      expect([await send('203.0.113.1'), await send('203.0.113.2'), await send('203.0.113.3')]).toEqual([
        401, 401, 429,
      ]);
    }
  });
});

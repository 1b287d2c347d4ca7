import type { ExecutionContext } from '@nestjs/common';
import type { IdentityService } from '../identity/identity.service';
import { formatToken, newSecret } from '../identity/token';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { TokenGuard, type AuthenticatedRequest } from './token.guard';

const aToken = (email: string) => formatToken(email, newSecret('0195f0a0-0000-7000-8000-000000000001'));
const aRequest = (ip: string, token?: string) =>
  ({ ip, header: (name: string) => (name === 'authorization' && token ? `Basic ${token}` : undefined) }) as never;
const contextOf = (request: AuthenticatedRequest) =>
  ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;

/** Identity as the guard sees it: which tokens are valid, and which this process verified before. */
function anIdentity(valid: string[], verifiedBefore: string[] = []) {
  const checks: string[] = [];
  const identity = {
    authenticate: async (token: string) => {
      checks.push(token);
      return valid.includes(token) ? { email: 'owner@example.com', plan: 'free' } : null;
    },
    hasVerified: (token: string) => verifiedBefore.includes(token),
  };
  return { identity: identity as unknown as IdentityService, checks };
}

describe('TokenGuard', () => {
  const attacker = '203.0.113.7';
  let now: number;
  beforeEach(() => (now = 0));
  const limiter = (checksWhenBlocked = 0) => new AuthFailureLimiter(3, () => now, { checksWhenBlocked });

  async function outcome(guard: TokenGuard, ip: string, token?: string): Promise<string> {
    const request = aRequest(ip, token) as AuthenticatedRequest;
    try {
      await guard.canActivate(contextOf(request));
      return `ok:${request.ownerId}`;
    } catch (error) {
      return (error as { code: string }).code;
    }
  }

  async function guessFrom(guard: TokenGuard, ip: string, email: string, times: number) {
    for (let i = 0; i < times; i++) expect(await outcome(guard, ip, aToken(email))).toBe('Unauthorized');
  }

  it('lets a token it verified before through from an address over its failure budget', async () => {
    const valid = aToken('bob@example.com');
    const { identity } = anIdentity([valid], [valid]);
    const guard = new TokenGuard(identity, limiter());
    await guessFrom(guard, attacker, 'alice@example.com', 3);
    expect(await outcome(guard, attacker, aToken('alice@example.com'))).toBe('TooManyRequests');
    expect(await outcome(guard, attacker, valid)).toBe('ok:owner@example.com');
  });

  it('counts wrong tokens per claimed identity too: guesses at alice from many addresses', async () => {
    const bob = aToken('bob@example.com');
    const { identity, checks } = anIdentity([bob]);
    const guard = new TokenGuard(identity, limiter());
    for (let i = 0; i < 3; i++) await guessFrom(guard, `198.51.100.${i}`, 'alice@example.com', 1);
    checks.length = 0;
    expect(await outcome(guard, '198.51.100.50', aToken('alice@example.com'))).toBe('TooManyRequests');
    expect(await outcome(guard, '198.51.100.50', bob)).toBe('ok:owner@example.com');
    expect(checks).toEqual([bob]);
  });

  it('checks a few unknown tokens per minute from a blocked address, then refuses without checking', async () => {
    const bob = aToken('bob@example.com');
    const { identity, checks } = anIdentity([bob]);
    const guard = new TokenGuard(identity, limiter(1));
    await guessFrom(guard, attacker, 'alice@example.com', 3);
    checks.length = 0;
    // A valid token this process never saw still gets a check while the address is blocked…
    expect(await outcome(guard, attacker, bob)).toBe('ok:owner@example.com');
    // …but only as many as the budget: the next ones are refused before any hashing.
    for (let i = 0; i < 5; i++)
      expect(await outcome(guard, attacker, aToken(`x${i}@example.com`))).toBe('TooManyRequests');
    expect(checks).toEqual([bob]);
    now = 60_000;
    expect(await outcome(guard, attacker, aToken('alice@example.com'))).toBe('Unauthorized');
  });

  it('refuses a token that cannot be valid from a blocked address, without spending its checks', async () => {
    const bob = aToken('bob@example.com');
    const { identity, checks } = anIdentity([bob]);
    const guard = new TokenGuard(identity, limiter(1));
    await guessFrom(guard, attacker, 'alice@example.com', 3);
    checks.length = 0;
    expect(await outcome(guard, attacker, Buffer.from('alice@example.com:guess').toString('base64'))).toBe(
      'TooManyRequests',
    );
    expect(await outcome(guard, attacker, bob)).toBe('ok:owner@example.com');
    expect(checks).toEqual([bob]);
  });

  it('answers 401 without a token, and does not count it', async () => {
    const { identity, checks } = anIdentity([]);
    const guard = new TokenGuard(identity, limiter());
    for (let i = 0; i < 5; i++) expect(await outcome(guard, attacker)).toBe('Unauthorized');
    expect(checks).toEqual([]);
    expect(await outcome(guard, attacker, aToken('alice@example.com'))).toBe('Unauthorized');
  });
});

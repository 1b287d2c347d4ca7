import { SERVICE_TOKEN_TTL_MS, signServiceToken, verifyServiceToken } from './service-token';

const secret = 'a-deployment-secret-of-at-least-32-chars';
const alice = { owner: 'alice@example.com', plan: 'free' };
const now = 1_800_000_000_000;

describe('service tokens', () => {
  it('vouch for the caller they were signed for, at the service they were signed for', () => {
    const token = signServiceToken(secret, 'catalog', alice, now);
    expect(verifyServiceToken(secret, 'catalog', token, now + 1000)).toEqual(alice);
  });

  it('are refused by another service (no replay from catalog to quota)', () => {
    const token = signServiceToken(secret, 'catalog', alice, now);
    expect(verifyServiceToken(secret, 'quota', token, now)).toBeNull();
  });

  it('are refused once expired, and when dated too far ahead', () => {
    const token = signServiceToken(secret, 'catalog', alice, now);
    expect(verifyServiceToken(secret, 'catalog', token, now + SERVICE_TOKEN_TTL_MS)).toBeNull();
    expect(verifyServiceToken(secret, 'catalog', token, now - 2 * SERVICE_TOKEN_TTL_MS)).toBeNull();
  });

  it('are refused when signed with another secret', () => {
    const token = signServiceToken('another-secret-of-at-least-32-characters', 'catalog', alice, now);
    expect(verifyServiceToken(secret, 'catalog', token, now)).toBeNull();
  });

  it('cannot be altered to name another owner', () => {
    const [, signature] = signServiceToken(secret, 'catalog', alice, now).split('.');
    const forged = Buffer.from(
      JSON.stringify({ aud: 'catalog', exp: now + 1000, owner: 'bob@example.com', plan: 'free' }),
    ).toString('base64url');
    expect(verifyServiceToken(secret, 'catalog', `${forged}.${signature}`, now)).toBeNull();
  });

  it.each([undefined, '', 'x', 'a.b', 'a.b.c', '.', 'x'.repeat(10_000)])('refuse malformed token #%#', (token) => {
    expect(verifyServiceToken(secret, 'catalog', token, now)).toBeNull();
  });
});

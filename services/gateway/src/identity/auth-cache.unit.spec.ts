import { AuthCache } from './auth-cache';

const tokenId = '0195f0a0-0000-7000-8000-000000000001';
const email = 'alice@example.com';

describe('authentication cache', () => {
  const alice = { email, plan: 'free' };
  let clock = 0;
  const cache = (maxEntries = 3) => new AuthCache({ ttlMs: 30_000, verifiedForMs: 3_600_000, maxEntries }, () => clock);

  beforeEach(() => (clock = 1_000));

  it('answers a cached token until its time is up', () => {
    const c = cache();
    c.set('token-a', tokenId, alice);
    clock += 29_999;
    expect(c.get('token-a')).toEqual(alice);
    clock += 1;
    expect(c.get('token-a')).toBeNull();
  });

  it('remembers that a token was verified for longer than it answers for it, then forgets it', () => {
    const c = cache();
    c.set('token-a', tokenId, alice);
    clock += 30_000;
    expect(c.verified('token-a')).toEqual({ tokenId, email });
    expect(c.verified('token-b')).toBeNull();
    clock += 3_570_000;
    expect(c.verified('token-a')).toBeNull();
    expect(c.size).toBe(0);
  });

  it('answers again after a refresh, without extending how long the verification counts', () => {
    const c = cache();
    c.set('token-a', tokenId, alice);
    clock += 3_590_000;
    c.refresh('token-a', { email, plan: 'premium' });
    expect(c.get('token-a')).toEqual({ email, plan: 'premium' });
    clock += 10_000;
    expect(c.get('token-a')).toBeNull();
    c.refresh('token-a', alice);
    expect(c.get('token-a')).toBeNull();
  });

  it('keeps at most its bound, dropping the least recently refreshed first', () => {
    const c = cache();
    for (const t of ['t1', 't2', 't3']) c.set(t, tokenId, alice);
    c.refresh('t1', alice);
    c.set('t4', tokenId, alice);
    expect(c.size).toBe(3);
    expect(c.get('t2')).toBeNull();
    expect(c.get('t1')).toEqual(alice);
    expect(c.get('t4')).toEqual(alice);
  });

  it('forgets a revoked token entirely, and only the answers of a user whose plan changed', () => {
    const c = cache();
    c.set('t1', 'id-1', alice);
    c.set('t2', 'id-2', alice);
    c.set('t3', 'id-3', { email: 'bob@example.com', plan: 'free' });
    c.forgetToken('id-1');
    expect(c.get('t1')).toBeNull();
    expect(c.verified('t1')).toBeNull();
    c.forgetUser(email);
    expect(c.get('t2')).toBeNull();
    // Still verified: the next request re-reads the plan without hashing again.
    expect(c.verified('t2')).toEqual({ tokenId: 'id-2', email });
    expect(c.get('t3')).not.toBeNull();
  });

  it('caches nothing when its time to live is zero', () => {
    const c = new AuthCache({ ttlMs: 0, verifiedForMs: 3_600_000, maxEntries: 10 }, () => clock);
    c.set('t1', tokenId, alice);
    expect(c.get('t1')).toBeNull();
    expect(c.verified('t1')).toBeNull();
  });
});

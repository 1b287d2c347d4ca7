import { AuthCache } from './auth-cache';

const tokenId = '0195f0a0-0000-7000-8000-000000000001';
const email = 'alice@example.com';

describe('authentication cache', () => {
  const alice = { email, plan: 'free' };
  let clock = 0;
  const cache = () => new AuthCache(30_000, 3, () => clock);

  beforeEach(() => (clock = 1_000));

  it('answers a cached token until its time is up', () => {
    const c = cache();
    c.set('token-a', tokenId, alice);
    clock += 29_999;
    expect(c.get('token-a')).toEqual(alice);
    clock += 1;
    expect(c.get('token-a')).toBeNull();
    expect(c.size).toBe(0);
  });

  it('keeps at most its bound, dropping the oldest first', () => {
    const c = cache();
    for (const t of ['t1', 't2', 't3', 't4']) c.set(t, tokenId, alice);
    expect(c.size).toBe(3);
    expect(c.get('t1')).toBeNull();
    expect(c.get('t4')).toEqual(alice);
  });

  it('drops the entries of a revoked token and of a user whose plan changed', () => {
    const c = cache();
    c.set('t1', 'id-1', alice);
    c.set('t2', 'id-2', alice);
    c.set('t3', 'id-3', { email: 'bob@example.com', plan: 'free' });
    c.forgetToken('id-1');
    expect(c.get('t1')).toBeNull();
    c.forgetUser(email);
    expect(c.get('t2')).toBeNull();
    expect(c.get('t3')).not.toBeNull();
  });

  it('caches nothing when its time to live is zero', () => {
    const c = new AuthCache(0, 10, () => clock);
    c.set('t1', tokenId, alice);
    expect(c.get('t1')).toBeNull();
  });
});

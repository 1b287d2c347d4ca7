import { AuthFailureLimiter } from './auth-failure-limiter';

const address = 'address:10.0.0.1';
const alice = 'identity:alice';

describe('AuthFailureLimiter', () => {
  let now: number;
  const limiter = (checksWhenBlocked = 0, maxKeys = 100) =>
    new AuthFailureLimiter(3, () => now, { checksWhenBlocked, maxKeys });

  beforeEach(() => (now = 0));

  it('lets a key be checked until its failures reach the budget, for the rest of its minute only', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.mayCheck([address])).toBe(true);
      l.recordFailure([address]);
    }
    expect(l.mayCheck([address])).toBe(false);
    expect(l.isBlocked([address, alice])).toBe(true);
    expect(l.mayCheck(['address:10.0.0.2'])).toBe(true);
    expect(l.isBlocked(['address:10.0.0.2', alice])).toBe(false);
    now = 59_999;
    expect(l.mayCheck([address])).toBe(false);
    now = 60_000;
    expect(l.mayCheck([address])).toBe(true);
  });

  it('counts each key of a failure: the address and the claimed identity', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure([`address:10.0.0.${i}`, alice]);
    expect(l.mayCheck(['address:10.0.0.9', alice])).toBe(false);
    expect(l.mayCheck(['address:10.0.0.9', 'identity:bob'])).toBe(true);
    expect(l.mayCheck(['address:10.0.0.1', 'identity:bob'])).toBe(true);
  });

  it('gives a blocked key a few checks per minute, taken from every blocked key of the request', () => {
    const l = limiter(2);
    for (let i = 0; i < 3; i++) l.recordFailure([address, alice]);
    expect(l.mayCheck([address, 'identity:bob'])).toBe(true);
    expect(l.mayCheck([address, alice])).toBe(true);
    // The address has spent its two checks; alice has one left but cannot use it from there.
    expect(l.mayCheck([address, alice])).toBe(false);
    expect(l.mayCheck(['address:10.0.0.2', alice])).toBe(true);
    expect(l.mayCheck(['address:10.0.0.2', alice])).toBe(false);
    now = 60_000;
    expect(l.mayCheck([address, alice])).toBe(true);
  });

  it('keeps at most its bound of keys, dropping the oldest first', () => {
    const l = limiter(0, 10);
    for (let i = 0; i < 3; i++) l.recordFailure([address]);
    for (let i = 0; i < 25; i++) l.recordFailure([`identity:guess-${i}`]);
    expect(l.size).toBe(10);
    expect(l.mayCheck([address])).toBe(true);
    expect(l.mayCheck(['identity:guess-24'])).toBe(true);
  });

  it('drops keys whose minute is over when new failures come in', () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) l.recordFailure([`address:10.0.0.${i}`]);
    now = 60_000;
    l.recordFailure([address]);
    expect(l.size).toBe(1);
  });
});

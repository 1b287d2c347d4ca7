import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  it('blocks an address after the allowed failures, for the rest of its minute only', () => {
    let now = 0;
    const limiter = new AuthFailureLimiter(3, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.isBlocked('10.0.0.1')).toBe(false);
      limiter.recordFailure('10.0.0.1');
    }
    expect(limiter.isBlocked('10.0.0.1')).toBe(true);
    expect(limiter.isBlocked('10.0.0.2')).toBe(false);
    now = 59_999;
    expect(limiter.isBlocked('10.0.0.1')).toBe(true);
    now = 60_000;
    expect(limiter.isBlocked('10.0.0.1')).toBe(false);
  });
});

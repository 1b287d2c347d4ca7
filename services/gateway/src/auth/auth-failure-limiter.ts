export interface AuthFailureLimiterOptions {
  /** Checks a key over its budget still gets per minute, so a valid token new to this process can pass. */
  checksWhenBlocked?: number;
  /** Bound on the keys kept; the oldest windows go first. */
  maxKeys?: number;
}

interface Window {
  failures: number;
  checksWhenBlocked: number;
  since: number;
}

const MINUTE = 60_000;

/**
 * Wrong tokens per key (a client address, a claimed identity) per minute. Each wrong guess costs
 * a deliberately slow hash check, and a guesser would get a fresh rate-limit bucket per guessed
 * token, so past the budget a key's requests are refused before any check runs, except a few per
 * minute: the request of a valid token this process has not verified yet looks like any other
 * until it is hashed. A key's scrypt bill is thus bounded by budget + `checksWhenBlocked` a minute.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly checksWhenBlocked: number;
  private readonly maxKeys: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    options: AuthFailureLimiterOptions = {},
  ) {
    this.checksWhenBlocked = options.checksWhenBlocked ?? 0;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Whether any of these keys is over its failure budget this minute. */
  isBlocked(keys: readonly string[]): boolean {
    return this.blocked(keys).length > 0;
  }

  /** Whether a token presented under these keys may be hash-checked; takes a check from each blocked key. */
  mayCheck(keys: readonly string[]): boolean {
    const blocked = this.blocked(keys);
    if (blocked.some((w) => w.checksWhenBlocked >= this.checksWhenBlocked)) return false;
    for (const w of blocked) w.checksWhenBlocked += 1;
    return true;
  }

  recordFailure(keys: readonly string[]): void {
    this.dropExpired();
    for (const key of keys) {
      const window = this.current(key);
      if (window) window.failures += 1;
      else this.windows.set(key, { failures: 1, checksWhenBlocked: 0, since: this.now() });
    }
    while (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
  }

  get size(): number {
    return this.windows.size;
  }

  private blocked(keys: readonly string[]): Window[] {
    return keys
      .map((key) => this.current(key))
      .filter((w): w is Window => w !== undefined && w.failures >= this.perMinute);
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.since >= MINUTE) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Windows are inserted as they start, so the expired ones are at the front. */
  private dropExpired(): void {
    for (const [key, window] of this.windows) {
      if (this.now() - window.since < MINUTE) return;
      this.windows.delete(key);
    }
  }
}

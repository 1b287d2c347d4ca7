import { cacheKeyOf } from './token';

/** Who a token belongs to, as the gateway needs it on every request. */
export interface AuthenticatedUser {
  email: string;
  plan: string;
}

interface Entry {
  user: AuthenticatedUser;
  tokenId: string;
  expiresAt: number;
}

/**
 * Successful authentications, kept briefly: scrypt costs tens of milliseconds of CPU on purpose,
 * which a client sending its token on every request must not pay each time. Revoking a token or
 * changing a plan drops the entries of this process at once; other replicas keep serving their
 * copy until it expires, so a revocation takes effect everywhere within `ttlMs`.
 * Failures are never cached: a wrong secret pays the full hash every time.
 */
export class AuthCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): AuthenticatedUser | null {
    const key = cacheKeyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.user;
  }

  set(token: string, tokenId: string, user: AuthenticatedUser): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0) return;
    const key = cacheKeyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { user, tokenId, expiresAt: this.now() + this.ttlMs });
    // Insertion order is age order: the oldest entry goes first when the bound is reached.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  forgetToken(tokenId: string): void {
    for (const [key, entry] of this.entries) if (entry.tokenId === tokenId) this.entries.delete(key);
  }

  forgetUser(email: string): void {
    for (const [key, entry] of this.entries) if (entry.user.email === email) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

import { cacheKeyOf } from './token';

/** Who a token belongs to, as the gateway needs it on every request. */
export interface AuthenticatedUser {
  email: string;
  plan: string;
}

export interface AuthCacheOptions {
  /** How long an answer is given without asking the database (plan changes of other replicas). */
  ttlMs: number;
  /** How long a token whose secret passed scrypt is trusted to be that token without hashing again. */
  verifiedForMs: number;
  maxEntries: number;
}

interface Entry {
  user: AuthenticatedUser;
  tokenId: string;
  freshUntil: number;
  verifiedUntil: number;
}

/**
 * Successful authentications, in two tiers. scrypt costs tens of milliseconds of CPU on purpose,
 * which a client sending its token on every request must not pay each time, and which a guesser
 * must not be able to force on a valid token's behalf. So once a secret has passed scrypt, its
 * SHA-256 (the map key; the secret is 256 random bits, so this is as strong as the hash) stands
 * for it for `verifiedForMs`: past `ttlMs` the owner re-reads the token and the user from the
 * database (revocation, plan) instead of hashing again. Failures are never cached.
 */
export class AuthCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: AuthCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer for a token, while it may be given without asking the database. */
  get(token: string): AuthenticatedUser | null {
    const entry = this.current(cacheKeyOf(token));
    return entry && entry.freshUntil > this.now() ? entry.user : null;
  }

  /** Which token a token was, when its secret passed scrypt here recently enough. */
  verified(token: string): { tokenId: string; email: string } | null {
    const entry = this.current(cacheKeyOf(token));
    return entry ? { tokenId: entry.tokenId, email: entry.user.email } : null;
  }

  /** After a successful scrypt check. */
  set(token: string, tokenId: string, user: AuthenticatedUser): void {
    const { ttlMs, verifiedForMs, maxEntries } = this.options;
    if (ttlMs <= 0 || maxEntries <= 0) return;
    const now = this.now();
    this.put(cacheKeyOf(token), { user, tokenId, freshUntil: now + ttlMs, verifiedUntil: now + verifiedForMs });
  }

  /** After the database confirmed a verified token: fresh again, but its verification keeps its age. */
  refresh(token: string, user: AuthenticatedUser): void {
    const key = cacheKeyOf(token);
    const entry = this.current(key);
    if (entry) this.put(key, { ...entry, user, freshUntil: this.now() + this.options.ttlMs });
  }

  forgetToken(tokenId: string): void {
    for (const [key, entry] of this.entries) if (entry.tokenId === tokenId) this.entries.delete(key);
  }

  /** A plan changed: its tokens stay verified, their next request re-reads the user. */
  forgetUser(email: string): void {
    for (const entry of this.entries.values()) if (entry.user.email === email) entry.freshUntil = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private current(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.verifiedUntil <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Insertion order is use order: the least recently used entry goes first at the bound.
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface IdentityOptions {
  /** The plan catalog (`config/plans.json`), read once at start-up. */
  plansFile: string;
  /**
   * How long a successful authentication is answered without asking the database; past it, a
   * token verified before is re-read (revocation, plan) but not hashed again. 0 turns the cache off.
   */
  authCacheTtlMs?: number;
  /** Bound on cached authentications (one per distinct token), least recently used dropped first. */
  authCacheMaxEntries?: number;
  /**
   * At most this long between two looks at tokens revoked elsewhere while answering from cache:
   * the time another replica may still accept a revoked token (plus one query).
   */
  revocationCheckMs?: number;
  /** The clock, for tests; `Date.now` unless told. */
  now?: () => number;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export const DEFAULT_AUTH_CACHE_TTL_MS = 30_000;
export const DEFAULT_AUTH_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_REVOCATION_CHECK_MS = 2_000;
/** After this, a token's secret goes through scrypt again even if it was verified here before. */
export const AUTH_VERIFIED_FOR_MS = 24 * 3_600_000;

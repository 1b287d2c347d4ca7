export interface IdentityOptions {
  /** The plan catalog (`config/plans.json`), read once at start-up. */
  plansFile: string;
  /**
   * How long a successful authentication is trusted without hashing again; also how long another
   * replica may still accept a revoked token. 0 turns the cache off.
   */
  authCacheTtlMs?: number;
  /** Bound on cached authentications (one per distinct token), oldest dropped first. */
  authCacheMaxEntries?: number;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

export const DEFAULT_AUTH_CACHE_TTL_MS = 30_000;
export const DEFAULT_AUTH_CACHE_MAX_ENTRIES = 10_000;

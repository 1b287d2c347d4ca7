import type { ApiTokenDocument } from './api-tokens.repository';
import { AuthCache, type AuthCacheOptions, type AuthenticatedUser } from './auth-cache';
import { RevocationWatch, type RevocationSource } from './revocation-watch';
import { hashSecret, newSecret, parseToken, sameText, verifySecret, type SecretHash } from './token';

export interface TokenStore extends RevocationSource {
  find(tokenId: string): Promise<ApiTokenDocument | null>;
}

export interface UserStore {
  find(email: string): Promise<AuthenticatedUser | null>;
}

export interface TokenAuthenticatorOptions extends AuthCacheOptions {
  /** At most this long between two looks at revocations made elsewhere, while answering from cache. */
  revocationCheckMs: number;
  now: () => number;
  /** scrypt verification; replaceable so tests can count it. */
  verify?: (secret: string, stored: SecretHash) => Promise<boolean>;
}

/**
 * Tokens as clients send them → their owner, or null without saying why. A token whose id is
 * unknown, whose email is not the token's, or which is revoked costs the same scrypt check as a
 * wrong secret for a real token (against a hash of a secret nobody has when there is no token),
 * so the answer's timing does not tell which token ids and emails exist.
 */
export class TokenAuthenticator {
  private readonly cache: AuthCache;
  private readonly revocations: RevocationWatch;
  private readonly verify: (secret: string, stored: SecretHash) => Promise<boolean>;
  private readonly dummy: Promise<SecretHash>;

  constructor(
    private readonly tokens: TokenStore,
    private readonly users: UserStore,
    options: TokenAuthenticatorOptions,
  ) {
    this.cache = new AuthCache(options, options.now);
    this.revocations = new RevocationWatch(
      tokens,
      options.revocationCheckMs,
      (tokenId) => this.cache.forgetToken(tokenId),
      options.now,
    );
    this.verify = options.verify ?? verifySecret;
    // At the cost new tokens get: an unknown token id must not answer faster than a known one.
    this.dummy = hashSecret(newSecret('00000000-0000-0000-0000-000000000000'));
  }

  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    if (this.cache.get(token)) {
      await this.revocations.sync();
      const cached = this.cache.get(token);
      if (cached) return cached;
    }
    const verified = this.cache.verified(token);
    return verified ? this.recheck(token, verified.tokenId) : this.check(token);
  }

  /** True when this process saw the token's secret pass scrypt recently (it may be revoked since). */
  hasVerified(token: string): boolean {
    return this.cache.verified(token) !== null;
  }

  forgetToken(tokenId: string): void {
    this.cache.forgetToken(tokenId);
  }

  forgetUser(email: string): void {
    this.cache.forgetUser(email);
  }

  /** A token already verified here: only whether it still stands, and its owner's plan. */
  private async recheck(token: string, tokenId: string): Promise<AuthenticatedUser | null> {
    const stored = await this.tokens.find(tokenId);
    const user = stored && !stored.revokedAt ? await this.users.find(stored.email) : null;
    if (!user) {
      this.cache.forgetToken(tokenId);
      return null;
    }
    const authenticated = { email: user.email, plan: user.plan };
    this.cache.refresh(token, authenticated);
    return authenticated;
  }

  private async check(token: string): Promise<AuthenticatedUser | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const stored = await this.tokens.find(parsed.tokenId);
    const secretMatches = await this.verify(parsed.secret, stored ?? (await this.dummy));
    const emailMatches = sameText(stored?.email ?? '', parsed.email);
    if (!stored || !secretMatches || !emailMatches || stored.revokedAt) return null;
    const user = await this.users.find(stored.email);
    if (!user) return null;
    const authenticated = { email: user.email, plan: user.plan };
    this.cache.set(token, stored._id, authenticated);
    return authenticated;
  }
}

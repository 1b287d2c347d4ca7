import { Inject, Injectable } from '@nestjs/common';
import { BadRequest, DomainError } from '@mi/contracts';
import { CommandHandler, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import { eventMetadata } from '@mi/platform';
import { v7 as uuidv7 } from 'uuid';
import { ApiTokensRepository } from './api-tokens.repository';
import type { AuthenticatedUser } from './auth-cache';
import { normalizeEmail, userDecider, type User, type UserCommand, type UserEvent } from './domain/user.decider';
import { UserNotFound } from './domain/user.errors';
import {
  AUTH_VERIFIED_FOR_MS,
  DEFAULT_AUTH_CACHE_MAX_ENTRIES,
  DEFAULT_AUTH_CACHE_TTL_MS,
  DEFAULT_REVOCATION_CHECK_MS,
  IDENTITY_OPTIONS,
  type IdentityOptions,
} from './identity.options';
import { PLAN_CATALOG, type PlanCatalog } from '@mi/platform';
import { formatToken, hashSecret, isTokenId, newSecret, parseToken } from './token';
import { TokenAuthenticator } from './token-authenticator';
import { toUserProfile, type UserProfile } from './user.view';
import { UsersRepository } from './users.repository';

export class TokenNotFound extends DomainError {
  constructor(tokenId: string) {
    super('TokenNotFound', { tokenId }, `token ${tokenId} not found`);
  }
}

/**
 * Users (event-sourced, `identity.*` on Kafka) and their API tokens (plain documents, never on
 * Kafka). The gateway authenticates every request through `authenticate`.
 */
@Injectable()
export class IdentityService {
  private readonly commands: CommandHandler<UserCommand, User, UserEvent>;
  private readonly authenticator: TokenAuthenticator;

  constructor(
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
    @Inject(PLAN_CATALOG) private readonly plans: PlanCatalog,
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(OutboxRelay) relay: OutboxRelay,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(ApiTokensRepository) private readonly tokens: ApiTokensRepository,
  ) {
    this.commands = new CommandHandler(store, 'User', userDecider(plans.planIds), {
      onCommitted: (commit) => relay.committed(commit),
    });
    this.authenticator = new TokenAuthenticator(tokens, users, {
      ttlMs: options.authCacheTtlMs ?? DEFAULT_AUTH_CACHE_TTL_MS,
      verifiedForMs: AUTH_VERIFIED_FOR_MS,
      maxEntries: options.authCacheMaxEntries ?? DEFAULT_AUTH_CACHE_MAX_ENTRIES,
      revocationCheckMs: options.revocationCheckMs ?? DEFAULT_REVOCATION_CHECK_MS,
      now: options.now ?? Date.now,
    });
  }

  /** Registers a user; a second registration of the same email fails, even from another replica. */
  async registerUser(email: string, plan: string = this.plans.defaultPlan): Promise<UserProfile> {
    const userId = normalizeEmail(email);
    await this.commands.handle(userId, { type: 'RegisterUser', email, plan, now: new Date() }, eventMetadata());
    return this.project(userId);
  }

  async changePlan(email: string, plan: string): Promise<UserProfile> {
    const userId = normalizeEmail(email);
    await this.commands.handle(userId, { type: 'ChangePlan', email: userId, plan, now: new Date() }, eventMetadata());
    // Entries of this process would otherwise answer the old plan until they expire.
    this.authenticator.forgetUser(userId);
    return this.project(userId);
  }

  async listUsers(): Promise<UserProfile[]> {
    return (await this.users.list()).map(toUserProfile);
  }

  /** A new token for an existing user; the only moment its secret exists outside the client. */
  async issueToken(email: string): Promise<string> {
    const userId = normalizeEmail(email);
    // The event store, not the view, says who exists: the view may lag after a crash.
    if (!(await this.commands.load(userId)).state.exists) throw new UserNotFound(userId);
    const tokenId = uuidv7();
    const secret = newSecret(tokenId);
    await this.tokens.insert({
      _id: tokenId,
      email: userId,
      ...(await hashSecret(secret)),
      createdAt: new Date(),
      revokedAt: null,
    });
    return formatToken(userId, secret);
  }

  /** Revokes by token (as issued) or by token id. Other replicas notice at their next revocation check. */
  async revokeToken(tokenOrId: string): Promise<void> {
    const tokenId = isTokenId(tokenOrId) ? tokenOrId : parseToken(tokenOrId)?.tokenId;
    // Not echoed back: a mistyped token is still most of a credential.
    if (!tokenId) throw new BadRequest('token', 'is neither an API token nor a token id');
    if (!(await this.tokens.revoke(tokenId, new Date()))) throw new TokenNotFound(tokenId);
    this.authenticator.forgetToken(tokenId);
  }

  /** The owner of a token as clients send it (verbatim), or null; never says why it failed. */
  authenticate(token: string): Promise<AuthenticatedUser | null> {
    return this.authenticator.authenticate(token);
  }

  /** Whether this process verified the token's secret before: it can be answered without scrypt. */
  hasVerified(token: string): boolean {
    return this.authenticator.hasVerified(token);
  }

  /**
   * Read-your-writes: folds the stream into the view right after the append. The whole stream,
   * not only the last commit: nothing in the gateway consumes its own topic, so a crash between
   * an earlier append and its projection is healed by the next command on that user. Streams are
   * short (a registration and its plan changes) and the version guard skips what is applied.
   */
  private async project(userId: string): Promise<UserProfile> {
    for (const event of await this.store.readStream(userId)) await this.users.apply(event);
    const view = await this.users.find(userId);
    if (!view) throw new UserNotFound(userId);
    return toUserProfile(view);
  }
}

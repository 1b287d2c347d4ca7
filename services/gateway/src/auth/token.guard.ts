import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@mi/contracts';
import { normalizeIp } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { IdentityService } from '../identity/identity.service';
import { parseToken, type ParsedToken } from '../identity/token';
import { AuthFailureLimiter } from './auth-failure-limiter';

export class Unauthorized extends DomainError {
  constructor() {
    super('Unauthorized', {}, 'Missing or invalid API token');
  }
}

export interface AuthenticatedRequest extends Request {
  ownerId: string;
  plan: string;
}

/**
 * Mapflow clients send `Authorization: Basic <token>` with the token verbatim (it is already
 * base64("<email>:<secret>")); browsers and scripts may send `Bearer <token>`. Both mean the same.
 */
export function tokenOf(header: string | undefined): string | null {
  const match = /^(Basic|Bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match ? match[2] : null;
}

/**
 * What a failure counts against: the client address (an IPv6 client by its /64, which one host
 * usually holds whole) and, when the token parses, the identity it claims — hashed, so the
 * limiter keeps no emails and its keys stay short whatever a client sends.
 */
export function failureKeysOf(address: string, token: ParsedToken | null): string[] {
  const keys = [`address:${normalizeIp(address)}`];
  const claimed = token?.email.trim().toLowerCase();
  if (claimed) keys.push(`identity:${createHash('sha256').update(claimed).digest('hex')}`);
  return keys;
}

/**
 * Authenticates every request of a guarded controller; the caller becomes the owner. Someone
 * else's wrong tokens never refuse a token this process has verified before (the usual case: a
 * client sends its token on every request), since that needs no slow check; a token new to this
 * process, from an address or for an identity over its failure budget, waits for one of the few
 * checks such a key still gets per minute (429 until then).
 */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(AuthFailureLimiter) private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = tokenOf(request.header('authorization'));
    if (!token) throw new Unauthorized();
    // The client behind trusted proxies (TRUSTED_PROXIES, express's `trust proxy`), else the peer.
    const parsed = parseToken(token);
    const keys = failureKeysOf(request.ip ?? 'unknown', parsed);
    // Only a token that could be valid is worth one of a blocked key's few checks.
    const mayCheck = parsed ? this.failures.mayCheck(keys) : !this.failures.isBlocked(keys);
    if (!this.identity.hasVerified(token) && !mayCheck) throw new DomainError('TooManyRequests', {});
    // Sent to identity exactly as the client sent it, for Basic and Bearer alike.
    const user = await this.identity.authenticate(token);
    if (!user) {
      this.failures.recordFailure(keys);
      throw new Unauthorized();
    }
    request.ownerId = user.email;
    request.plan = user.plan;
    return true;
  }
}

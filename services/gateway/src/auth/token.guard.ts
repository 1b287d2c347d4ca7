import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@mi/contracts';
import type { Request } from 'express';
import { IdentityService } from '../identity/identity.service';
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

/** Authenticates every request of a guarded controller; the caller becomes the owner. */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(AuthFailureLimiter) private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip ?? 'unknown';
    if (this.failures.isBlocked(address)) throw new DomainError('TooManyRequests', {});
    const token = tokenOf(request.header('authorization'));
    // Sent to identity exactly as the client sent it, for Basic and Bearer alike.
    const user = token ? await this.identity.authenticate(token) : null;
    if (!user) {
      if (token) this.failures.recordFailure(address);
      throw new Unauthorized();
    }
    request.ownerId = user.email;
    request.plan = user.plan;
    return true;
  }
}

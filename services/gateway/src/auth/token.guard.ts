import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@mi/contracts';
import type { Request } from 'express';

export class Unauthorized extends DomainError {
  constructor() {
    super('Unauthorized', {});
  }
}

export const API_TOKEN = Symbol('API_TOKEN');

export interface AuthenticatedRequest extends Request {
  ownerId: string;
}

/**
 * Mapflow clients send `Authorization: Basic <token>` with the token verbatim (it is already
 * base64("<email>:<secret>")); browsers and scripts may send `Bearer <token>`. Both mean the same.
 */
export function tokenOf(header: string | undefined): string | null {
  const match = /^(Basic|Bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match ? match[2] : null;
}

@Injectable()
export class TokenGuard implements CanActivate {
  private readonly expected: Buffer;
  private readonly ownerId: string;

  constructor(@Inject(API_TOKEN) token: string) {
    this.expected = Buffer.from(token);
    this.ownerId = Buffer.from(token, 'base64').toString('utf8').split(':')[0];
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const given = Buffer.from(tokenOf(request.header('authorization')) ?? '');
    if (given.length !== this.expected.length || !timingSafeEqual(given, this.expected)) throw new Unauthorized();
    request.ownerId = this.ownerId;
    return true;
  }
}

import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { tokenOf } from './token.guard';

/**
 * Limits each caller, not each address: a whole office behind one NAT shares an IP but not a
 * token. Anonymous requests (health, docs, failed auth) are limited per IP (the client's, behind
 * trusted proxies). One budget per caller across all routes: the throttler's default key also
 * holds the controller and handler, which gave a caller a fresh budget on every route.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    const token = tokenOf(req.header('authorization'));
    return token ? `token:${createHash('sha256').update(token).digest('hex')}` : `ip:${req.ip}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}

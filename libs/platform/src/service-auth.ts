import type { NextFunction, Request, Response } from 'express';
import { OWNER_HEADER, OWNER_PLAN_HEADER } from './owner-headers';
import { SERVICE_TOKEN_HEADER, verifyServiceToken } from './service-token';

/**
 * Every `/internal/*` route answers only calls signed for this service: anything that can reach
 * a pod (or a local port) without the deployment's secret gets 401 and learns nothing. The
 * owner and plan headers the routes read are then rewritten from the verified token, whatever
 * the caller sent in them. Health and metrics stay open for probes and scrapers.
 */
export function serviceAuthentication(secret: string, audience: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    delete req.headers[OWNER_HEADER];
    delete req.headers[OWNER_PLAN_HEADER];
    if (!req.path.startsWith('/internal/')) return next();
    const caller = verifyServiceToken(secret, audience, req.header(SERVICE_TOKEN_HEADER));
    if (!caller) {
      res.status(401).json({ detail: { code: 'Unauthorized', parameters: {} } });
      return;
    }
    req.headers[OWNER_HEADER] = caller.owner;
    if (caller.plan !== null) req.headers[OWNER_PLAN_HEADER] = caller.plan;
    next();
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Who an internal call acts for. The gateway authenticates the user and signs these claims; the
 * called service trusts nothing else (no owner header, no plan header), and still checks that
 * what the call touches belongs to `owner`.
 */
export interface ServiceCaller {
  owner: string;
  plan: string | null;
}

interface Claims extends ServiceCaller {
  /** The service the token is for: a token sent to catalog cannot be replayed at quota. */
  aud: string;
  /** Epoch milliseconds. */
  exp: number;
}

export const SERVICE_TOKEN_HEADER = 'x-service-token';

/** Long enough to survive a slow upload's start and clock skew, short enough to be useless when leaked. */
export const SERVICE_TOKEN_TTL_MS = 60_000;

/** The deployment's shared signing secret (a Kubernetes Secret in production). */
export const ServiceTokenSecretSetting = z.string().min(32, 'at least 32 characters');

const DOMAIN = 'mi-service-token-v1';
const ClaimsSchema = z.object({
  aud: z.string(),
  exp: z.number(),
  owner: z.string().min(1).max(320),
  plan: z.string().max(64).nullable(),
});

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${DOMAIN}.${payload}`).digest();
}

export function signServiceToken(
  secret: string,
  audience: string,
  caller: ServiceCaller,
  now: number = Date.now(),
): string {
  const claims: Claims = { aud: audience, exp: now + SERVICE_TOKEN_TTL_MS, owner: caller.owner, plan: caller.plan };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The caller a token vouches for, or null for anything forged, expired, malformed or meant for another service. */
export function verifyServiceToken(
  secret: string,
  audience: string,
  token: string | undefined,
  now: number = Date.now(),
): ServiceCaller | null {
  if (!token || token.length > 4096) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: z.infer<typeof ClaimsSchema>;
  try {
    claims = ClaimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString()));
  } catch {
    return null;
  }
  if (claims.aud !== audience || claims.exp <= now || claims.exp > now + 2 * SERVICE_TOKEN_TTL_MS) return null;
  return { owner: claims.owner, plan: claims.plan };
}

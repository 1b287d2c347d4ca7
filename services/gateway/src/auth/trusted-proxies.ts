import { isIP } from 'node:net';
import { z } from 'zod';

/** An IPv4 or IPv6 address, optionally with a prefix length: what express's `trust proxy` takes. */
function isAddressOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUSTED_PROXIES: comma-separated addresses and CIDR ranges of the proxies (ingress, load
 * balancer) whose `X-Forwarded-For` names the client. Empty by default: then the header is
 * ignored, since anyone can send it. The list goes to express's `trust proxy` (main.ts), which
 * walks the header from the right and stops at the first hop it does not trust, so what a client
 * writes in front of the header cannot change its address; `req.ip` is then that client for the
 * failure limiter, the rate limit and the logs alike.
 */
export const TrustedProxiesSetting = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .superRefine((entries, context) => {
    for (const entry of entries) {
      if (!isAddressOrRange(entry))
        context.addIssue({ code: 'custom', message: `not an IP address or CIDR: ${entry}` });
    }
  });

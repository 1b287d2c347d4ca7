import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// The wire format of API tokens and how their secrets are kept. Clients send the token verbatim
// (`Authorization: Basic <token>`), so it must itself look like Basic credentials:
// base64("<email>:<secret>"), with secret = "<tokenId>.<32 random bytes, base64url>". The token id
// inside the secret makes verification one primary-key lookup (the only fast access path on
// FerretDB's SQLite backend), and only a slow salted hash of the secret is ever stored.

const TOKEN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_BYTES = 32;
const SECRET = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Far above any real token (~150 chars): refuses to decode whatever a client throws at us. */
const MAX_TOKEN_LENGTH = 1024;

export interface ParsedToken {
  email: string;
  tokenId: string;
  /** The whole "<tokenId>.<key>" part: what is hashed and verified. */
  secret: string;
}

export function isTokenId(value: string): boolean {
  return TOKEN_ID.test(value);
}

/** A new secret for `tokenId`: the id travels in clear, the 32 random bytes are the credential. */
export function newSecret(tokenId: string): string {
  return `${tokenId}.${randomBytes(KEY_BYTES).toString('base64url')}`;
}

export function formatToken(email: string, secret: string): string {
  return Buffer.from(`${email}:${secret}`, 'utf8').toString('base64');
}

/** Null for anything that is not a token we could have issued; no error says which part failed. */
export function parseToken(token: string): ParsedToken | null {
  if (token.length > MAX_TOKEN_LENGTH || token.length % 4 !== 0 || !BASE64.test(token)) return null;
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  // Node's decoder is lenient; only a token that encodes back to itself is the one we issued.
  if (Buffer.from(decoded, 'utf8').toString('base64') !== token) return null;
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const secret = decoded.slice(colon + 1);
  const match = SECRET.exec(secret);
  if (!match || !isTokenId(match[1])) return null;
  return { email: decoded.slice(0, colon), tokenId: match[1], secret };
}

/**
 * The scrypt cost of new hashes (N=2^14, r=8, p=1: 16 MiB and tens of milliseconds per check).
 * It is stored with each hash, so raising it later leaves issued tokens valid.
 */
export const SCRYPT_COST = { N: 16384, r: 8, p: 1 } as const;
export type ScryptCost = { N: number; r: number; p: number };
const HASH_BYTES = 32;
const SALT_BYTES = 16;

export interface SecretHash {
  salt: string;
  hash: string;
  cost: ScryptCost;
}

function scryptAsync(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashSecret(secret: string, cost: ScryptCost = SCRYPT_COST): Promise<SecretHash> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(secret, salt, cost);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), cost: { ...cost } };
}

export async function verifySecret(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scryptAsync(secret, Buffer.from(stored.salt, 'base64'), stored.cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Equality of two strings in time that does not depend on where they differ: both sides are
 * hashed to the same length first, which `timingSafeEqual` requires.
 */
export function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** What the authentication cache is keyed by, so raw tokens are not kept as map keys. */
export function cacheKeyOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

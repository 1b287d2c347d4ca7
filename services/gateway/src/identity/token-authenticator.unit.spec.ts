import crypto from 'node:crypto';
import type { ApiTokenDocument } from './api-tokens.repository';
import { TokenAuthenticator } from './token-authenticator';
import { formatToken, hashSecret, newSecret, parseToken, type SecretHash } from './token';

const email = 'alice@example.com';
const tokenId = '0195f0a0-0000-7000-8000-000000000001';
const cheap = { N: 1024, r: 8, p: 1 };

async function aTokenDocument(secret: string, overrides: Partial<ApiTokenDocument> = {}): Promise<ApiTokenDocument> {
  const id = parseToken(formatToken(email, secret))!.tokenId;
  return {
    _id: id,
    email,
    ...(await hashSecret(secret, cheap)),
    createdAt: new Date(0),
    revokedAt: null,
    ...overrides,
  };
}

describe('token authenticator', () => {
  let now: number;
  let documents: Map<string, ApiTokenDocument>;
  let verified: { secret: string; stored: SecretHash }[];
  let finds: number;
  const tokens = {
    find: async (id: string) => (finds++, documents.get(id) ?? null),
    revokedSince: async () => [...documents.values()].filter((d) => d.revokedAt).map((d) => d._id),
  };
  const users = { find: async (id: string) => (id === email ? { email, plan: 'free' } : null) };
  const authenticator = () =>
    new TokenAuthenticator(tokens, users, {
      ttlMs: 30_000,
      verifiedForMs: 3_600_000,
      maxEntries: 10,
      revocationCheckMs: 2_000,
      now: () => now,
      verify: async (secret, stored) => {
        verified.push({ secret, stored });
        return (await import('./token')).verifySecret(secret, stored);
      },
    });

  beforeEach(() => {
    now = 1_000_000;
    documents = new Map();
    verified = [];
    finds = 0;
  });

  it('runs one hash check whatever is wrong with a token, against a dummy hash when there is no token', async () => {
    const secret = newSecret(tokenId);
    const real = await aTokenDocument(secret);
    const revokedSecret = newSecret('0195f0a0-0000-7000-8000-000000000002');
    const revoked = await aTokenDocument(revokedSecret, { revokedAt: new Date(0) });
    for (const d of [real, revoked]) documents.set(d._id, d);
    const a = authenticator();
    const cases = [
      formatToken(email, newSecret(tokenId)), // wrong secret
      formatToken(email, newSecret('0195f0a0-0000-7000-8000-0000000000ff')), // unknown token id
      formatToken('mallory@example.com', secret), // another email
      formatToken(email, revokedSecret), // revoked
    ];
    for (const token of cases) {
      verified = [];
      await expect(a.authenticate(token)).resolves.toBeNull();
      expect(verified).toHaveLength(1);
    }
    expect(verified[0].stored).toBe(revoked);
    verified = [];
    await a.authenticate(cases[1]);
    expect([real, revoked]).not.toContain(verified[0].stored);
    expect(verified[0].stored.cost).toEqual({ N: 16384, r: 8, p: 1 });
  });

  it('compares the claimed email with the stored one in constant time', async () => {
    const secret = newSecret(tokenId);
    documents.set(tokenId, await aTokenDocument(secret));
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    await authenticator().authenticate(formatToken('mallory@example.com', secret));
    // Once for the secret's hash, once for the email.
    expect(compare).toHaveBeenCalledTimes(2);
    compare.mockRestore();
  });

  it('answers a token it verified before from the database once stale, without hashing it again', async () => {
    const token = formatToken(email, newSecret(tokenId));
    documents.set(tokenId, await aTokenDocument(parseToken(token)!.secret));
    const a = authenticator();
    await expect(a.authenticate(token)).resolves.toEqual({ email, plan: 'free' });
    expect(a.hasVerified(token)).toBe(true);
    expect(a.hasVerified(formatToken(email, newSecret(tokenId)))).toBe(false);
    now += 30_000;
    verified = [];
    finds = 0;
    await expect(a.authenticate(token)).resolves.toEqual({ email, plan: 'free' });
    expect({ hashes: verified.length, finds }).toEqual({ hashes: 0, finds: 1 });
    documents.get(tokenId)!.revokedAt = new Date(now);
    now += 30_000;
    await expect(a.authenticate(token)).resolves.toBeNull();
    expect(a.hasVerified(token)).toBe(false);
  });

  it('stops answering a token from its cache once a revocation check finds it revoked', async () => {
    const token = formatToken(email, newSecret(tokenId));
    documents.set(tokenId, await aTokenDocument(parseToken(token)!.secret));
    const a = authenticator();
    await a.authenticate(token);
    documents.get(tokenId)!.revokedAt = new Date(now);
    now += 1_999;
    await expect(a.authenticate(token)).resolves.toEqual({ email, plan: 'free' });
    now += 1;
    await expect(a.authenticate(token)).resolves.toBeNull();
  });
});

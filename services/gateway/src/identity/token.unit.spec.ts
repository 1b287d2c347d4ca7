import { formatToken, hashSecret, isTokenId, newSecret, parseToken, verifySecret } from './token';

const tokenId = '0195f0a0-0000-7000-8000-000000000001';
const email = 'alice@example.com';

describe('token format', () => {
  it('issues base64("<email>:<tokenId>.<key>") and reads it back', () => {
    const secret = newSecret(tokenId);
    expect(secret).toMatch(new RegExp(`^${tokenId}\\.[A-Za-z0-9_-]{43}$`));
    const token = formatToken(email, secret);
    expect(Buffer.from(token, 'base64').toString('utf8')).toBe(`${email}:${secret}`);
    expect(parseToken(token)).toEqual({ email, tokenId, secret });
  });

  it('draws a different key every time', () => {
    expect(newSecret(tokenId)).not.toBe(newSecret(tokenId));
  });

  it.each([
    ['not base64', 'not base64!'],
    ['empty', ''],
    ['no colon', Buffer.from(`${email}${newSecret(tokenId)}`).toString('base64')],
    ['empty email', Buffer.from(`:${newSecret(tokenId)}`).toString('base64')],
    ['a secret without token id', Buffer.from(`${email}:s3cret-alice`).toString('base64')],
    ['a key of the wrong length', Buffer.from(`${email}:${tokenId}.abc`).toString('base64')],
    ['a token id that is no uuid', Buffer.from(`${email}:${'x'.repeat(36)}.${'a'.repeat(43)}`).toString('base64')],
    // 98 bytes encode with one '=' of padding: without it, it is not the token we issued.
    ['unpadded base64', formatToken(email, newSecret(tokenId)).replace(/=+$/, '')],
    ['a huge value', 'QUFB'.repeat(1000)],
  ])('refuses %s', (_case, token) => {
    expect(parseToken(token)).toBeNull();
  });

  it('refuses a token whose base64 decodes to something that does not encode back to it', () => {
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`:${newSecret(tokenId)}`)]);
    expect(parseToken(invalidUtf8.toString('base64'))).toBeNull();
  });

  it('recognises token ids', () => {
    expect(isTokenId(tokenId)).toBe(true);
    expect(isTokenId('alice')).toBe(false);
  });
});

describe('secret hashing', () => {
  it('verifies the secret it hashed and nothing else, and keeps no plaintext', async () => {
    const secret = newSecret(tokenId);
    const stored = await hashSecret(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.split('.')[1]);
    expect(stored.cost).toEqual({ N: 16384, r: 8, p: 1 });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(32);
    await expect(verifySecret(secret, stored)).resolves.toBe(true);
    await expect(verifySecret(newSecret(tokenId), stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const secret = newSecret(tokenId);
    const [a, b] = await Promise.all([hashSecret(secret), hashSecret(secret)]);
    expect(a.hash).not.toBe(b.hash);
  });

  it('verifies with the cost stored next to the hash', async () => {
    const secret = newSecret(tokenId);
    const cheap = await hashSecret(secret, { N: 1024, r: 8, p: 1 });
    await expect(verifySecret(secret, cheap)).resolves.toBe(true);
  });
});

import type { ProbeCase, ProbeTargets, SeededRandom } from './probe-case';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const decoded = (token: string) => {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const [tokenId, key] = text.slice(colon + 1).split('.');
  return { email: text.slice(0, colon), tokenId, key };
};

const routes = ['/rest/rasters/mosaic', '/rest/user/status', '/rest/rasters/memory'];

/** Authorization variants, spoofed client addresses and odd headers, on the simplest routes. */
export function headerCases(t: ProbeTargets, random: SeededRandom): ProbeCase[] {
  const alice = decoded(t.aliceToken);
  const bob = decoded(t.bobToken);
  const cases: ProbeCase[] = [];
  const add = (name: string, headers: ProbeCase['headers'], extra: Partial<ProbeCase> = {}) =>
    cases.push({ category: 'headers', name, method: 'GET', path: random.pick(routes), headers, ...extra });

  const refused: [string, string | null][] = [
    ['no Authorization', null],
    ['an empty Authorization', ''],
    ['a bare scheme', 'Basic'],
    ['a 10 KB token', `Basic ${'QUFB'.repeat(2560)}`],
    ['a token that is not base64', 'Basic !!!not*base64~~~'],
    ['a wrong scheme', `Digest ${t.aliceToken}`],
    ['another wrong scheme', `Token ${t.aliceToken}`],
    ["alice's email with bob's token id and key", `Basic ${b64(`${alice.email}:${bob.tokenId}.${bob.key}`)}`],
    ["bob's email with alice's token id and key", `Basic ${b64(`${bob.email}:${alice.tokenId}.${alice.key}`)}`],
    ["alice's email and key with bob's token id", `Basic ${b64(`${alice.email}:${bob.tokenId}.${alice.key}`)}`],
    ["alice's token id with a wrong key", `Basic ${b64(`${alice.email}:${alice.tokenId}.${'A'.repeat(43)}`)}`],
    ["alice's token, padding dropped", `Basic ${t.aliceToken.replace(/=+$/, '')}`],
    ["alice's token with a trailing word", `Basic ${t.aliceToken} extra`],
    ["alice's token with an extra =", `Basic ${t.aliceToken}=`],
    ['an email and no secret', `Basic ${b64(`${alice.email}:`)}`],
    ['a secret and no email', `Basic ${b64(`:${alice.tokenId}.${alice.key}`)}`],
    ['an accented look-alike email', `Basic ${b64(`alicé@example.com:${alice.tokenId}.${alice.key}`)}`],
    ['a 1,000-character email', `Basic ${b64(`${'a'.repeat(1000)}@x.com:${alice.tokenId}.${alice.key}`)}`],
  ];
  // API.md: missing or wrong credentials are 401, in the envelope of the route (either family here).
  const unauthorized = { mustFail: true, expectStatus: [401], expectCode: ['Unauthorized', 'UNAUTHORIZED'] };
  for (const [name, value] of refused) add(`Authorization: ${name}`, { authorization: value }, unauthorized);
  for (let i = 0; i < 5; i++) {
    const ip = `${1 + random.int(223)}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
    add(
      `a wrong token from a spoofed X-Forwarded-For ${ip}`,
      {
        authorization: `Basic ${b64(`probe${i}@example.com:${alice.tokenId}.${random.bytes(32).toString('base64url')}`)}`,
        'x-forwarded-for': ip,
      },
      unauthorized,
    );
  }

  const accepted: [string, ProbeCase['headers']][] = [
    ['a lower-case scheme', { authorization: `basic ${t.aliceToken}` }],
    ['an upper-case Bearer', { authorization: `BEARER ${t.aliceToken}` }],
    ['two spaces after the scheme', { authorization: `Basic  ${t.aliceToken}` }],
    [
      'alice then bob as two Authorization headers',
      { authorization: [`Basic ${t.aliceToken}`, `Basic ${t.bobToken}`] },
    ],
    ['a spoofed X-Forwarded-For', { 'x-forwarded-for': '10.0.0.1, 127.0.0.1' }],
    ['a 3,000-character X-Forwarded-For', { 'x-forwarded-for': Array(200).fill('203.0.113.7').join(', ') }],
    ['Forwarded and X-Real-IP', { forwarded: 'for=198.51.100.1;proto=https', 'x-real-ip': '198.51.100.1' }],
    ["bob's owner header", { 'x-owner-id': bob.email, 'x-owner-plan': 'business' }],
    ['a forged service token', { 'x-service-token': `${b64('{"aud":"catalog","owner":"bob@example.com"}')}.sig` }],
    ['an 8 KB X-Correlation-Id', { 'x-correlation-id': 'c'.repeat(8192) }],
    ['a latin-1 X-Correlation-Id', { 'x-correlation-id': 'corr-\u00e9\u00ff' }],
    ['Accept: application/xml', { accept: 'application/xml' }],
    ['Accept: nothing acceptable', { accept: '*/*;q=0' }],
    ['Accept-Encoding: bogus', { 'accept-encoding': 'x-bogus, gzip;q=2' }],
    ['Range: bytes=0-10', { range: 'bytes=0-10' }],
    ['1,000 ranges', { range: `bytes=${Array.from({ length: 1000 }, (_, i) => `${i}-${i}`).join(',')}` }],
    ['If-Modified-Since in the future', { 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' }],
    ['a JSON content type and no body', { 'content-type': 'application/json' }],
    ['Expect: 100-continue', { expect: '100-continue' }],
    ['a giant cookie', { cookie: `session=${'s'.repeat(6000)}` }],
    ['a foreign Host', { host: 'evil.example.com' }],
    ['X-HTTP-Method-Override: DELETE', { 'x-http-method-override': 'DELETE', 'x-method-override': 'DELETE' }],
  ];
  // Alice's valid token and odd but harmless headers: served as usual.
  for (const [name, headers] of accepted)
    add(name, headers, { expectStatus: [200, 304], allowNotModified: true, forbidden: ['evil.example.com'] });
  // Past Node's 16 KB of headers: refused before any route, still in the envelope.
  add(
    'a 40 KB X-Correlation-Id',
    { 'x-correlation-id': 'c'.repeat(40_960) },
    { expectStatus: [431], expectCode: ['HeadersTooLarge', 'HEADERS_TOO_LARGE'] },
  );

  const previews = (id: string) => `/rest/rasters/image/${id}/preview/${random.pick(['s', 'l'])}`;
  const conditional: [string, string, Record<string, string>, boolean][] = [
    ["If-None-Match: * on alice's preview", previews(t.aliceImageId), { 'if-none-match': '*' }, false],
    ["If-None-Match: * on bob's preview", previews(t.bobImageId), { 'if-none-match': '*' }, true],
    ["a 1,000-ETag If-None-Match on bob's preview", previews(t.bobImageId), { 'if-none-match': manyEtags() }, true],
    [
      "a 1,000-ETag If-None-Match on alice's preview",
      previews(t.aliceImageId),
      { 'if-none-match': manyEtags() },
      false,
    ],
    ["Range past the end of alice's preview", previews(t.aliceImageId), { range: 'bytes=99999999-' }, false],
    ["Range on bob's preview", previews(t.bobImageId), { range: 'bytes=0-1' }, true],
    ["If-None-Match: * on bob's mosaic", `/rest/rasters/mosaic/${t.bobMosaicId}`, { 'if-none-match': '*' }, true],
    ["If-None-Match: * on bob's image", `/rest/rasters/image/${t.bobImageId}`, { 'if-none-match': '*' }, true],
    [
      "X-HTTP-Method-Override on bob's mosaic",
      `/rest/rasters/mosaic/${t.bobMosaicId}`,
      { 'x-http-method-override': 'DELETE' },
      true,
    ],
  ];
  // Alice's preview is rendered before the probe starts (the spec waits for it): bytes, a range, or 304.
  const own = { expectStatus: [200, 206, 304, 416], allowNotModified: true };
  const bobs = { mustFail: true, expectStatus: [404], expectCode: ['ItemNotFound'] };
  for (const [name, path, headers, mustFail] of conditional)
    cases.push({ category: 'headers', name, method: 'GET', path, headers, ...(mustFail ? bobs : own) });
  return cases;
}

function manyEtags(): string {
  return Array.from({ length: 1000 }, (_, i) => `"${i.toString(16).padStart(6, '0')}"`).join(', ');
}

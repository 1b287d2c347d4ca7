import { json, jsonHeaders, type ProbeCase, type ProbeTargets, type SeededRandom } from './probe-case';

/** Characters that break logs, headers, terminals and file systems. */
const NASTY = ['\u0000', '\r\n', '\n', '\u202e', '\u2066', '\u200b', '\ufeff', '\u0007', '\u001b[31m', '\ud83d\ude00'];

function nastyText(random: SeededRandom, length: number): string {
  return Array.from({ length }, () =>
    random.next() < 0.5 ? random.pick(NASTY) : random.pick(['a', 'é', 'Ω', ' ', '/']),
  ).join('');
}

/** Fields with wrong types and hostile values, per JSON route; queries of the rename route too. */
export function jsonFieldCases(t: ProbeTargets, random: SeededRandom): ProbeCase[] {
  const cases: ProbeCase[] = [];
  const add = (name: string, method: string, path: string, value: unknown, mustFail = false, extra = {}) =>
    cases.push({ category: 'json', name, method, path, headers: jsonHeaders, body: json(value), mustFail, ...extra });
  // A field of the wrong type or out of the contract's bounds: 400 BadRequest naming the field.
  const badRequest = { expectStatus: [400], expectCode: ['BadRequest'] };
  // Bob's mosaic, whatever the body: answered as a mosaic that does not exist (API.md).
  const itemNotFound = { expectStatus: [404], expectCode: ['ItemNotFound'] };

  const create = '/rest/rasters/mosaic';
  // [label, value, refused]: control characters are cleaned away (display-text.ts), not refused.
  const names: [string, unknown, boolean][] = [
    ['number', 123, true],
    ['null', null, true],
    ['array', ['x'], true],
    ['object', { $ne: null }, true],
    ['boolean', true, true],
    ['empty', '', true],
    ['blank', ' \t ', true],
    ['10,000 characters', 'n'.repeat(10_000), true],
    ['control and bidi characters', nastyText(random, 40), false],
    ['CRLF header injection', 'x\r\nX-Injected: 1\r\n\r\n<html>', false],
  ];
  for (const [label, name, refused] of names)
    add(`create mosaic with name ${label}`, 'POST', create, { name, tags: [] }, refused, refused ? badRequest : {});
  const wrongType = { mustFail: true, ...badRequest };
  const tags: [string, unknown, Partial<ProbeCase>][] = [
    ['a string', 'a,b', wrongType],
    ['numbers', [1, 2], wrongType],
    ['null entries', [null], wrongType],
    ['nested arrays', [['a']], wrongType],
    ['an object', { 0: 'a' }, wrongType],
    // Too many or too long: refused (400), or too big a body for the catalog behind (413).
    ['10,000 tags', Array.from({ length: 10_000 }, (_, i) => `tag-${i}`), { mustFail: true, expectStatus: [400, 413] }],
    ['10,000 identical', Array(10_000).fill('same'), {}],
    ['control and bidi characters', Array.from({ length: 8 }, () => nastyText(random, 12)), {}],
    ['a 100,000-character tag', ['t'.repeat(100_000)], { mustFail: true, expectStatus: [400, 413] }],
  ];
  for (const [label, value, extra] of tags)
    add(`create mosaic with tags ${label}`, 'POST', create, { name: 'probe-tags', tags: value }, false, extra);
  add('create mosaic claiming bob as owner', 'POST', create, {
    name: 'probe-owner',
    owner: 'bob@example.com',
    ownerId: 'bob@example.com',
    owner_id: 'bob@example.com',
    id: t.bobMosaicId,
  });

  const bob = `/rest/rasters/mosaic/${t.bobMosaicId}`;
  add("rename bob's mosaic", 'PUT', bob, { name: 'probe-stolen' }, true, itemNotFound);
  add("retag bob's mosaic", 'PUT', bob, { tags: ['probe-stolen'] }, true, itemNotFound);
  add("rename and retag bob's mosaic", 'PUT', bob, { name: 'probe-stolen', tags: [] }, true, itemNotFound);
  add(
    "update bob's mosaic via upper-case id",
    'PUT',
    bob.toUpperCase().replace('/REST/RASTERS/MOSAIC', '/rest/rasters/mosaic'),
    { name: 'x' },
    true,
    itemNotFound,
  );
  const alice = `/rest/rasters/mosaic/${t.aliceMosaicId}`;
  add("update alice's mosaic with 10,000 tags", 'PUT', alice, {
    tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`),
  });
  add("update alice's mosaic with a nasty name", 'PUT', alice, { name: nastyText(random, 30), tags: null });
  add("update alice's mosaic with tags of numbers", 'PUT', alice, { tags: [1, { a: 1 }] });

  const bulk = '/rest/rasters/mosaic/delete';
  // Bob's ids are not refused as a request: they come back under `failed` (bob's state is checked after).
  const ids: [string, unknown, Partial<ProbeCase>][] = [
    ["bob's id", [t.bobMosaicId], {}],
    ["bob's id upper-cased", [t.bobMosaicId.toUpperCase()], {}],
    ["bob's id 10,000 times", Array(10_000).fill(t.bobMosaicId), { expectStatus: [400, 413] }],
    ['101 random UUIDs', Array.from({ length: 101 }, () => uuidFrom(random)), wrongType],
    ['a string', t.bobMosaicId, wrongType],
    ['numbers', [1, 2.5, -1], wrongType],
    ['null entries', [null], wrongType],
    ['NoSQL operators', [{ $ne: null }], wrongType],
    ['an operator object', { $ne: null }, wrongType],
    ['traversal strings', ['../x', '%00', '..%2F..', ''], {}],
    ["bob's image id", [t.bobImageId], {}],
  ];
  for (const [label, value, extra] of ids)
    add(`bulk delete with ids ${label}`, 'POST', bulk, { ids: value }, false, extra);
  add('bulk delete with a $where', 'POST', bulk, { $where: 'return true', ids: [] }, false, badRequest);

  const link = `/rest/rasters/mosaic/${t.aliceMosaicId}/link-image`;
  const SEED_TAG = random.int(1e9);
  const bucketKey = /^gs:\/\/([^/]+)\/(.+)$/.exec(t.bobImageUrl) ?? ['', 'bucket', 'key'];
  // Every link alice may not read is refused (400), and these four answer exactly alike: the
  // answer must not tell bob's existing original from an object that is not there at all.
  const unreadable = { mustFail: true, expectStatus: [400], sameAnswerAs: 'a link alice may not read' };
  const refused = { mustFail: true, expectStatus: [400] };
  const urls: [string, unknown, Partial<ProbeCase>][] = [
    ["bob's original", t.bobImageUrl, unreadable],
    ["bob's original, key upper-cased", `gs://${bucketKey[1]}/${bucketKey[2].toUpperCase()}`, unreadable],
    ['a missing object among the originals', `gs://${bucketKey[1]}/images/${uuidFrom(random)}`, unreadable],
    ['a missing object in a missing bucket', `gs://mi-probe-no-such-bucket-${SEED_TAG}/images/x.tif`, unreadable],
    [
      "bob's original via ..",
      `gs://${bucketKey[1]}/${t.aliceImageUrl.split('/').slice(3).join('/')}/../../${bucketKey[2]}`,
      refused,
    ],
    ["bob's original percent-encoded", `gs://${bucketKey[1]}/${encodeURIComponent(bucketKey[2])}`, refused],
    ["bob's original with a query", `${t.bobImageUrl}?alt=media`, refused],
    ['file:///etc/passwd', 'file:///etc/passwd', { ...refused, ...badRequest }],
    ['cloud metadata', 'http://169.254.169.254/computeMetadata/v1/', { ...refused, ...badRequest }],
    ['gs:// with no key', 'gs://bucket/', { ...refused, ...badRequest }],
    ['gs:// of 3,000 characters', `gs://b/${'k'.repeat(3000)}`, { ...refused, ...badRequest }],
    ['NUL in the key', `gs://${bucketKey[1]}/a\u0000b`, refused],
    ['CRLF in the key', `gs://${bucketKey[1]}/a\r\nX-Injected: 1`, refused],
    ['a number', 42, { ...refused, ...badRequest }],
    ['an array', [t.aliceImageUrl], { ...refused, ...badRequest }],
    ['an operator', { $ne: null }, { ...refused, ...badRequest }],
  ];
  for (const [label, url, extra] of urls) add(`link ${label}`, 'POST', link, { url }, false, extra);

  // The rename route takes its name from the query: hostile queries, on alice's own image.
  const rename = `/rest/rasters/image/${t.aliceImageId}`;
  // Cleaned and capped like upload names (checked on her images after the probe), or refused when
  // there is no single name to take.
  const queries: [string, string, Partial<ProbeCase>][] = [
    ['NUL', 'name=a%00b.tif', {}],
    ['CRLF', 'name=a%0D%0AX-Injected:%201.tif', {}],
    ['bidi', `name=${encodeURIComponent('\u202egnp.tif')}`, {}],
    ['path', 'name=..%2F..%2Fetc%2Fpasswd', {}],
    ['10,000 characters', `name=${'r'.repeat(10_000)}`, {}],
    ['invalid percent', 'name=%E0%A4%A', {}],
    ['repeated', 'name=a.tif&name=b.tif', { mustFail: true, ...badRequest }],
    ['array syntax', 'name[]=a.tif&name[$ne]=b', { mustFail: true, ...badRequest }],
    ['empty', 'name=', { mustFail: true, ...badRequest }],
  ];
  for (const [label, query, extra] of queries)
    cases.push({
      category: 'json',
      name: `rename alice's image with ${label}`,
      method: 'PUT',
      path: `${rename}?${query}`,
      ...extra,
    });
  return cases;
}

function uuidFrom(random: SeededRandom): string {
  const hex = random.bytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

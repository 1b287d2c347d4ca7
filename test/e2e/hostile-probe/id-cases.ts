import { json, jsonHeaders, type ProbeCase, type ProbeTargets, type SeededRandom } from './probe-case';
import { multipartOf } from './multipart-body';

type Family = 'mosaic' | 'image' | 'processing';

interface IdRoute {
  family: Family;
  method: string;
  path: (id: string) => string;
  body?: (t: ProbeTargets) => Pick<ProbeCase, 'headers' | 'body'>;
}

const upload = (t: ProbeTargets) => multipartOf([{ name: 'file', filename: 'probe.tif', bytes: t.tiff }]);

/** Every `{id}` route of API.md (and the processing ones not served yet: their 404 must be an envelope too). */
const routes: IdRoute[] = [
  { family: 'mosaic', method: 'GET', path: (id) => `/rest/rasters/mosaic/${id}` },
  {
    family: 'mosaic',
    method: 'PUT',
    path: (id) => `/rest/rasters/mosaic/${id}`,
    body: () => ({ headers: jsonHeaders, body: json({ name: 'probe-takeover', tags: ['probe'] }) }),
  },
  { family: 'mosaic', method: 'DELETE', path: (id) => `/rest/rasters/mosaic/${id}` },
  { family: 'mosaic', method: 'GET', path: (id) => `/rest/rasters/mosaic/${id}/image` },
  { family: 'mosaic', method: 'POST', path: (id) => `/rest/rasters/mosaic/${id}/image`, body: upload },
  {
    family: 'mosaic',
    method: 'POST',
    path: (id) => `/rest/rasters/mosaic/${id}/link-image`,
    body: (t) => ({ headers: jsonHeaders, body: json({ url: t.aliceImageUrl }) }),
  },
  { family: 'image', method: 'GET', path: (id) => `/rest/rasters/image/${id}` },
  { family: 'image', method: 'PUT', path: (id) => `/rest/rasters/image/${id}?name=probe-takeover.tif` },
  { family: 'image', method: 'DELETE', path: (id) => `/rest/rasters/image/${id}` },
  { family: 'image', method: 'GET', path: (id) => `/rest/rasters/image/${id}/download` },
  { family: 'image', method: 'GET', path: (id) => `/rest/rasters/image/${id}/preview/s` },
  { family: 'image', method: 'GET', path: (id) => `/rest/rasters/image/${id}/preview/l` },
  { family: 'image', method: 'GET', path: (id) => `/rest/rasters/image/${id}/status` },
  { family: 'processing', method: 'GET', path: (id) => `/rest/processings/${id}/v2` },
  { family: 'processing', method: 'GET', path: (id) => `/rest/projects/${id}/processings` },
];

interface HostileId {
  label: string;
  segment: string;
  mustFail: boolean;
  /** What the id calls for; unset where the segment turns the request into another route. */
  expect?: Pick<ProbeCase, 'expectStatus' | 'expectCode'>;
}

/** Someone else's item answers exactly as a missing one (API.md: 404 ItemNotFound, also for another user's ids). */
const notFound = { expectStatus: [404], expectCode: ['ItemNotFound'] };
/** Not a UUID: a malformed request (400 BadRequest), or a path no route has (404 NotFound). */
const malformed = { expectStatus: [400, 404], expectCode: ['BadRequest', 'NotFound'] };

/** Path segments, already as they go on the wire; `empty` and the dot segments turn the route into another one. */
function idsFor(family: Family, t: ProbeTargets): HostileId[] {
  const bob = family === 'image' ? t.bobImageId : t.bobMosaicId;
  return [
    { label: "bob's id", segment: bob, mustFail: true, expect: notFound },
    { label: "bob's id upper-cased", segment: bob.toUpperCase(), mustFail: true, expect: notFound },
    { label: '%2e', segment: '%2e', mustFail: true },
    { label: '..', segment: '..', mustFail: true },
    { label: '%2e%2e%2f', segment: '%2e%2e%2f', mustFail: true, expect: malformed },
    { label: '%00', segment: '%00', mustFail: true, expect: malformed },
    { label: '5,000 characters', segment: 'a'.repeat(5000), mustFail: true, expect: malformed },
    { label: 'NoSQL {"$ne":null}', segment: encodeURIComponent('{"$ne":null}'), mustFail: true, expect: malformed },
    { label: 'unicode', segment: encodeURIComponent('é‮😀Ω'), mustFail: true, expect: malformed },
    { label: 'empty', segment: '', mustFail: false },
  ];
}

/** Drawn per route by the seed, on top of the fixed ones. */
function extraIds(family: Family, t: ProbeTargets): HostileId[] {
  const bob = family === 'image' ? t.bobImageId : t.bobMosaicId;
  const otherKind = family === 'image' ? t.bobMosaicId : t.bobImageId;
  return [
    { label: '.', segment: '.', mustFail: true },
    { label: '%252e%252e', segment: '%252e%252e', mustFail: true, expect: malformed },
    { label: 'traversal to internal', segment: '..%2F..%2Finternal%2Fmosaics', mustFail: true, expect: malformed },
    { label: "bob's id then %00", segment: `${bob}%00`, mustFail: true, expect: malformed },
    { label: "bob's id then /..", segment: `${bob}%2F..`, mustFail: true, expect: malformed },
    { label: "bob's id with ;", segment: `${bob};a=1`, mustFail: true, expect: malformed },
    { label: "bob's other-kind id", segment: otherKind, mustFail: true, expect: notFound },
    { label: "bob's id with braces", segment: `%7B${bob}%7D`, mustFail: true, expect: malformed },
    { label: '__proto__', segment: '__proto__', mustFail: true, expect: malformed },
    { label: 'constructor', segment: 'constructor', mustFail: true, expect: malformed },
    { label: 'backslashes', segment: '%5C..%5C..%5C', mustFail: true, expect: malformed },
    { label: 'invalid %', segment: '%zz%', mustFail: true, expect: malformed },
    { label: '%ff', segment: '%ff%fe', mustFail: true, expect: malformed },
    { label: 'nil UUID', segment: '00000000-0000-0000-0000-000000000000', mustFail: true, expect: notFound },
    { label: 'UUID with spaces', segment: `%20${bob}%20`, mustFail: true, expect: malformed },
  ];
}

/** The processing routes are not served yet: 404 NOT_FOUND, or 400 where the path does not even decode. */
const unserved = (expect: HostileId['expect']) =>
  expect === notFound
    ? { expectStatus: [404], expectCode: ['NOT_FOUND'] }
    : expect && { expectStatus: [400, 404], expectCode: ['BAD_REQUEST', 'NOT_FOUND'] };

export function idCases(t: ProbeTargets, random: SeededRandom): ProbeCase[] {
  return routes.flatMap((route) => {
    const extras = extraIds(route.family, t);
    const chosen = [...idsFor(route.family, t), ...[0, 1].map(() => extras.splice(random.int(extras.length), 1)[0])];
    return chosen.map(({ label, segment, mustFail, expect }) => ({
      category: 'ids' as const,
      name: `${route.method} ${route.path('{id}')} with ${label}`,
      method: route.method,
      path: route.path(segment),
      ...route.body?.(t),
      mustFail,
      ...(route.family === 'processing' ? unserved(expect) : expect),
    }));
  });
}

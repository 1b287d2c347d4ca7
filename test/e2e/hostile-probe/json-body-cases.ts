import { jsonHeaders, type ProbeCase, type ProbeTargets, type SeededRandom } from './probe-case';

const DEPTH = 300_000;
const deepArray = (inner = '') => `${'['.repeat(DEPTH)}${inner}${']'.repeat(DEPTH)}`;

interface Target {
  label: string;
  method: string;
  path: string;
  mustFail?: boolean;
}

function targets(t: ProbeTargets): Target[] {
  return [
    { label: 'create mosaic', method: 'POST', path: '/rest/rasters/mosaic' },
    { label: "update bob's mosaic", method: 'PUT', path: `/rest/rasters/mosaic/${t.bobMosaicId}`, mustFail: true },
    { label: "update alice's mosaic", method: 'PUT', path: `/rest/rasters/mosaic/${t.aliceMosaicId}` },
    { label: 'bulk delete', method: 'POST', path: '/rest/rasters/mosaic/delete' },
    { label: 'link image', method: 'POST', path: `/rest/rasters/mosaic/${t.aliceMosaicId}/link-image` },
  ];
}

/** Whole bodies that are hostile whatever the route: shapes, syntax, size, framing. */
interface HostileBody {
  label: string;
  text: string | Buffer;
  headers?: Record<string, string | null>;
  /** What it calls for on every route, whoever owns the target: refused before any lookup. */
  expect?: Pick<ProbeCase, 'expectStatus' | 'expectCode'>;
}

/** Not JSON, or nested past any API's depth: 400 BadRequest{field: body} before anything else. */
const unparsable = { expectStatus: [400], expectCode: ['BadRequest'] };
/** A charset or content coding the server does not speak. */
const unsupported = { expectStatus: [415], expectCode: ['UnsupportedMediaType'] };

function hostileBodies(): HostileBody[] {
  return [
    { label: '300,000-deep array', text: deepArray(), expect: unparsable },
    {
      label: '300,000-deep array inside a valid body',
      text: `{"name":"deep","tags":["a"],"x":${deepArray('1')}}`,
      expect: unparsable,
    },
    { label: '300,000-deep tags', text: `{"name":"deep","tags":${deepArray('"a"')}}`, expect: unparsable },
    { label: '300,000-deep ids', text: `{"ids":${deepArray('"x"')}}`, expect: unparsable },
    { label: '300,000-deep url', text: `{"url":${deepArray('"gs://a/b"')}}`, expect: unparsable },
    { label: 'truncated JSON', text: '{"name": "cut', expect: unparsable },
    { label: 'missing value', text: '{"name": }', expect: unparsable },
    { label: 'single quotes', text: "{'name': 'x'}", expect: unparsable },
    { label: 'trailing comma', text: '{"name":"x",}', expect: unparsable },
    { label: 'NaN', text: 'NaN', expect: unparsable },
    { label: 'BOM before JSON', text: '\uFEFF{"name":"bom"}' },
    { label: 'garbage after JSON', text: '{"name":"x"}}}garbage', expect: unparsable },
    { label: 'lone surrogate', text: '{"name":"\\ud800","tags":["\\udfff"]}' },
    { label: 'raw NUL byte', text: '{"name":"a\u0000b"}', expect: unparsable },
    { label: '[]', text: '[]' },
    { label: 'a number', text: '123' },
    { label: 'a string', text: '"string"' },
    { label: 'null', text: 'null' },
    { label: 'true', text: 'true' },
    { label: '{}', text: '{}' },
    { label: 'empty body', text: Buffer.alloc(0) },
    {
      label: '__proto__ key',
      text: '{"__proto__":{"name":"polluted","isAdmin":true,"ownerId":"bob@example.com"},"name":"proto"}',
    },
    { label: 'constructor key', text: '{"constructor":{"prototype":{"polluted":"yes"}},"name":"ctor","ids":[]}' },
    { label: '__proto__ tags', text: '{"name":"p","tags":["a"],"__proto__":{"tags":["polluted"]},"url":"gs://a/b"}' },
    { label: 'duplicate keys', text: '{"name":"first","name":"second","ids":[],"ids":["x"]}' },
    { label: 'text/plain', text: '{"name":"plain"}', headers: { 'content-type': 'text/plain' } },
    {
      label: 'form-urlencoded',
      text: 'name=form&tags=a&ids=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    { label: 'utf-16 charset', text: '{"name":"x"}', headers: { 'content-type': 'application/json; charset=utf-16' } },
    {
      label: 'unknown charset',
      text: '{"name":"x"}',
      headers: { 'content-type': 'application/json; charset=klingon' },
      expect: unsupported,
    },
    { label: 'no content type', text: '{"name":"none"}', headers: { 'content-type': null } },
    { label: 'xml', text: '<name>x</name>', headers: { 'content-type': 'application/xml' } },
    { label: 'multipart type, JSON body', text: '{"name":"x"}', headers: { 'content-type': 'multipart/form-data' } },
    {
      label: 'gzip that is not',
      text: '{"name":"x"}',
      headers: { ...jsonHeaders, 'content-encoding': 'gzip' },
      expect: unparsable,
    },
    {
      label: 'unknown encoding',
      text: '{"name":"x"}',
      headers: { ...jsonHeaders, 'content-encoding': 'x-probe' },
      expect: unsupported,
    },
    { label: 'json+problem type', text: '{"name":"x"}', headers: { 'content-type': 'application/problem+json' } },
  ];
}

export function jsonBodyCases(t: ProbeTargets, random: SeededRandom): ProbeCase[] {
  const all = targets(t);
  const cases: ProbeCase[] = hostileBodies().flatMap(({ label, text, headers, expect }): ProbeCase[] => {
    // Two targets per body, drawn by the seed: every route sees most shapes across the run.
    const first = random.int(all.length);
    const second = (first + 1 + random.int(all.length - 1)) % all.length;
    return [all[first], all[second]].map((target) => ({
      category: 'json' as const,
      name: `${target.label} with ${label}`,
      method: target.method,
      path: target.path,
      headers: { ...jsonHeaders, ...headers },
      body: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
      mustFail: target.mustFail,
      ...expect,
    }));
  });
  // Past JSON_BODY_LIMIT (1 MB): refused as too large before any parsing, on every JSON route.
  const big = Buffer.from(JSON.stringify({ name: 'big', tags: ['a'], pad: 'x'.repeat(2 * 1024 * 1024) }));
  for (const target of all) {
    cases.push({
      category: 'json',
      name: `${target.label} with a 2 MB body`,
      method: target.method,
      path: target.path,
      headers: jsonHeaders,
      body: big,
      mustFail: true,
      expectStatus: [413],
      expectCode: ['PayloadTooLarge'],
    });
  }
  return cases;
}

import { readFileSync } from 'node:fs';
import { aGeoTiff } from '../../../libs/raster/src/geotiff/testing/a-geotiff.builder';
import type { ProbeCase, ProbeTargets, SeededRandom } from './probe-case';
import { BOUNDARY, chunked, multipartBody, multipartOf, type Part } from './multipart-body';

const formType = `multipart/form-data; boundary=${BOUNDARY}`;

/** Malformed, oversized and odd multipart uploads, to an existing mosaic or a new one. */
export function multipartCases(t: ProbeTargets, random: SeededRandom): ProbeCase[] {
  const routes = [`/rest/rasters/mosaic/${t.aliceMosaicId}/image`, '/rest/rasters/mosaic/image?name=probe-new'];
  const file = (extra: Partial<Part> = {}): Part => ({ name: 'file', filename: 'probe.tif', bytes: t.tiff, ...extra });
  const cases: ProbeCase[] = [];
  const add = (name: string, c: Partial<ProbeCase> & Pick<ProbeCase, 'body'>, path = random.pick(routes)) =>
    cases.push({ category: 'multipart', name, method: 'POST', path, headers: { 'content-type': formType }, ...c });
  const framed = (name: string, parts: Part[], extra: Partial<ProbeCase> = {}) =>
    add(name, { ...multipartOf(parts), ...extra });

  // No readable part `file`: refused (issue 11 lists these among the reservation leaks). The upload
  // route reserves before it reads the form, so a full account may say MemoryLimitExceeded first
  // (a concurrent chunked upload holds what is free until it ends).
  const noFile = { mustFail: true, expectStatus: [400], expectCode: ['BadRequest', 'MemoryLimitExceeded'] };
  const notTiff = {
    mustFail: true,
    expectStatus: [400],
    expectCode: ['FileOpenError', 'FileCheckFailed', 'FileValidationFailed', 'MemoryLimitExceeded'],
  };
  const whole = multipartBody([file()]);
  add('no boundary', { headers: { 'content-type': 'multipart/form-data' }, body: whole, ...noFile });
  add('an empty boundary', { headers: { 'content-type': 'multipart/form-data; boundary=""' }, body: whole, ...noFile });
  add('a wrong boundary', {
    headers: { 'content-type': 'multipart/form-data; boundary=other' },
    body: whole,
    ...noFile,
  });
  add('two boundaries', { headers: { 'content-type': `${formType}; boundary=other` }, body: whole });
  add('a 200-character boundary', multipartOf([file()], 'b'.repeat(200)));
  add('multipart/mixed', {
    headers: { 'content-type': `multipart/mixed; boundary=${BOUNDARY}` },
    body: whole,
    ...noFile,
  });
  add('a raw TIFF body', { headers: { 'content-type': 'image/tiff' }, body: t.tiff, ...noFile });
  add('only the closing delimiter', { body: Buffer.from(`--${BOUNDARY}--\r\n`), ...noFile });
  add('an empty body', { body: Buffer.alloc(0), ...noFile });
  add('preamble and epilogue', { body: Buffer.concat([Buffer.from('preamble\r\n'), whole, Buffer.from('epilogue')]) });
  add('a body cut inside the file', { body: whole.subarray(0, Math.floor(whole.length / 2)), ...noFile });
  add('a body cut before the closing delimiter', { body: whole.subarray(0, whole.length - 12), ...noFile });
  add('a chunked upload', {
    headers: { 'content-type': formType, 'transfer-encoding': 'chunked' },
    body: chunked(whole),
  });

  framed('no file part', [{ name: 'other', bytes: Buffer.from('x') }], noFile);
  framed('the file under another name', [file({ name: 'image' })], noFile);
  framed('a part named file without a filename', [{ name: 'file', bytes: t.tiff }], noFile);
  framed('two file parts', [file(), file({ filename: 'second.tif' })]);
  framed(
    '200 file parts',
    Array.from({ length: 200 }, (_, i) => file({ filename: `p${i}.tif`, bytes: t.tiff.subarray(0, 64) })),
  );
  framed('1,000 tiny fields, then the file', [...tinyFields(1000), file()]);
  framed('1,000 tiny fields and no file', tinyFields(1000), noFile);
  framed('a 100 KB filename', [file({ filename: `${'f'.repeat(100_000)}.tif` })]);
  framed('a 100 KB part header', [file({ extraHeaders: [`X-Pad: ${'p'.repeat(100_000)}`] })]);
  framed('2,000 part header lines', [file({ extraHeaders: Array.from({ length: 2000 }, (_, i) => `X-H${i}: v`) })]);
  framed('a ../ filename', [file({ filename: '../../../etc/passwd.tif' })]);
  framed('a backslash filename', [file({ filename: '..\\..\\windows\\system32\\probe.tif' })]);
  framed('a CR/LF filename', [file({ disposition: 'form-data; name="file"; filename="a\r\nX-Injected: 1.tif"' })]);
  framed('an encoded CR/LF filename', [
    file({ disposition: `form-data; name="file"; filename*=UTF-8''a%0D%0Ab%00.tif` }),
  ]);
  framed('a filename of 5,000 é', [file({ filename: `${'é'.repeat(5000)}.tif` })]);
  framed('a bidi filename', [file({ filename: 'probe\u202efit.exe' })]);
  framed('an empty filename', [file({ filename: '' })], noFile);
  framed('a NUL in the filename', [file({ filename: 'a\u0000b.tif' })]);
  framed('an unterminated quoted filename', [file({ disposition: 'form-data; name="file"; filename="open.tif' })]);
  framed('an empty file', [file({ bytes: Buffer.alloc(0) })], notTiff);
  framed('a 1-byte file', [file({ bytes: Buffer.from('I') })], notTiff);
  framed('a PNG', [file({ filename: 'image.tif', bytes: readFileSync(aGeoTiff({ format: 'PNG' })) })], notTiff);
  framed(
    'a text file named .tif',
    [file({ filename: 'notes.tif', bytes: Buffer.from('just some text\n'.repeat(100)) })],
    notTiff,
  );
  // Content-Transfer-Encoding is obsolete for HTTP (RFC 7578): the part's bytes are the file, base64 text.
  framed(
    'a base64 transfer encoding',
    [file({ bytes: Buffer.from(t.tiff.toString('base64')), extraHeaders: ['Content-Transfer-Encoding: base64'] })],
    notTiff,
  );
  framed('an executable content type', [file({ contentType: 'application/x-msdownload' })]);

  // Declared sizes that are not what is sent.
  add('a declared 2 GB body, 1 KB sent', {
    headers: { 'content-type': formType, 'content-length': String(2 ** 31) },
    body: whole.subarray(0, 1024),
    mustFail: true,
    expectStatus: [400],
    expectCode: ['FileTooBig'],
  });
  for (const path of routes) {
    add(
      'a declared 500 MB body, hung up after 6 KB',
      {
        headers: { 'content-type': formType, 'content-length': String(500 * 2 ** 20) },
        body: whole,
        hangUpAfter: 6000,
      },
      path,
    );
    add(
      'a chunked body, hung up mid-file',
      {
        headers: { 'content-type': formType, 'transfer-encoding': 'chunked' },
        body: chunked(whole, 1024),
        hangUpAfter: 5000,
      },
      path,
    );
  }

  // The new-mosaic route takes its name and tags from the query.
  // A name given twice or too long for a mosaic is refused; odd ones are cleaned (checked after the probe).
  const badName = { mustFail: true, expectStatus: [400], expectCode: ['BadRequest'] };
  const queries: [string, Partial<ProbeCase>][] = [
    ['name=a&name=b', badName],
    [`name=${'n'.repeat(10_000)}`, badName],
    ['name=%00%0D%0A', {}],
    [`tags=${Array(1000).fill('t').join('&tags=')}`, {}],
    ['tags=%E2%80%AE,,,', {}],
    ['name[$ne]=x&tags[]=a', {}],
  ];
  for (const [query, extra] of queries)
    add(
      `new mosaic with ?${query.slice(0, 24)}`,
      { ...multipartOf([file()]), ...extra },
      `/rest/rasters/mosaic/image?${query}`,
    );
  return cases;
}

function tinyFields(count: number): Part[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `f${i}`,
    bytes: Buffer.from('v'),
    contentType: 'text/plain',
  }));
}

import { formatGsUri, parseGsUri } from './gs-uri';

describe('gs:// URIs', () => {
  it('formats a bucket and key as gs://bucket/key', () => {
    expect(formatGsUri({ bucket: 'mi-blobs', key: 'uploads/a b/ü.tif' })).toBe('gs://mi-blobs/uploads/a b/ü.tif');
  });

  it('parses back what it formats, keeping slashes in the key', () => {
    const location = { bucket: 'mi-blobs', key: 'mosaics/m1/images/i1.tif' };
    expect(parseGsUri(formatGsUri(location))).toEqual(location);
  });

  it.each(['https://storage.googleapis.com/b/k', 'gs://bucket-only', 'gs://bucket/', 'gs:///key'])(
    'rejects %s, which names no object',
    (uri) => {
      expect(() => parseGsUri(uri)).toThrow(TypeError);
    },
  );
});

import { MAX_FILENAME_BYTES, normalizeFilename, normalizeName, normalizeTag } from './display-text';

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

describe('normalizeName and normalizeTag', () => {
  it('turns NUL, CR, LF, TAB and C1 controls into one space between words', () => {
    expect(normalizeName('Fields\u0000\r\n2026\t\u0085north')).toBe('Fields 2026 north');
    expect(normalizeTag(' crops\r\n')).toBe('crops');
  });

  it('strips bidi overrides and isolates, which make a name read other than it is', () => {
    expect(normalizeName('invoice\u202Efdp.tif')).toBe('invoicefdp.tif');
    expect(normalizeTag('\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202C\u202D')).toBe('abc');
  });

  it('composes to NFC, so a name typed on two systems compares equal', () => {
    expect(normalizeName('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('collapses runs of whitespace and trims', () => {
    expect(normalizeName('  a \u00a0\u2028  b  ')).toBe('a b');
  });

  it('replaces a lone surrogate (not storable as UTF-8) with U+FFFD', () => {
    expect(normalizeName('a\ud800b')).toBe('a\ufffdb');
    expect(normalizeName('\ud83d\ude00')).toBe('\ud83d\ude00');
  });

  it('leaves nothing of a name made only of controls and bidi characters', () => {
    expect(normalizeName('\u0000\r\n\u202E \t')).toBe('');
  });
});

describe('normalizeFilename', () => {
  it('keeps only the last path segment, with / and \\ alike', () => {
    expect(normalizeFilename('../../etc/passwd')).toBe('passwd');
    expect(normalizeFilename('C:\\Users\\me\\scene.tif')).toBe('scene.tif');
  });

  it('cleans controls and bidi characters as names do', () => {
    expect(normalizeFilename('a\u0000b\r\n\u202Ec.tif')).toBe('a b c.tif');
  });

  it('answers the fallback for nothing, . and ..', () => {
    for (const raw of ['', '  ', '.', '..', 'a/..', 'a/', '\u202E\u0000'])
      expect(normalizeFilename(raw)).toBe('image.tif');
    expect(normalizeFilename('..', { fallback: '' })).toBe('');
  });

  it('caps a name at 255 bytes of UTF-8 without splitting a character, keeping the extension', () => {
    const capped = normalizeFilename(`${'\u00e9'.repeat(5000)}.tif`);
    expect(utf8Bytes(capped)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(capped).toMatch(/^\u00e9+\.tif$/);
    expect(utf8Bytes(capped)).toBeGreaterThan(MAX_FILENAME_BYTES - 2);
  });

  it('never splits a 4-byte character (an emoji) when capping', () => {
    const capped = normalizeFilename('\ud83d\ude00'.repeat(100));
    expect(utf8Bytes(capped)).toBe(252);
    expect(capped).toBe('\ud83d\ude00'.repeat(63));
  });

  it('keeps a name that fits as it is', () => {
    const fits = `${'x'.repeat(251)}.tif`;
    expect(normalizeFilename(fits)).toBe(fits);
  });
});

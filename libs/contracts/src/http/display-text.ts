/**
 * Text a user gives that others are shown (mosaic names, tags, file names): one cleaning for
 * every route it arrives by (gateway uploads and links, catalog create, update and rename).
 * Lengths of names and tags stay the catalog's domain rules (mosaic.decider.ts): those are
 * refused, while a file name is capped, since a client cannot always choose it.
 */

// C0 and C1 controls (NUL, TAB, CR, LF, DEL, NEL…): a NUL or line break in a name splits log
// lines, CSV exports and terminal output; each becomes a space.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates: `invoice\u202Efdp.tif` displays as `invoicefit.pdf`.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// Half of a surrogate pair cannot be encoded in UTF-8 (MongoDB, Kafka, HTTP headers).
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const DEFAULT_FILENAME = 'image.tif';
/** The longest file name most file systems store (ext4, APFS, NTFS in UTF-16 notwithstanding). */
export const MAX_FILENAME_BYTES = 255;
/** An extension longer than this is not one worth keeping when a name is cut. */
const MAX_EXTENSION_CHARS = 16;

/** NFC, no controls or bidi characters, whitespace collapsed to single spaces, trimmed. */
export function normalizeDisplayText(raw: string): string {
  return raw
    .replace(LONE_SURROGATES, '\ufffd')
    .normalize('NFC')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A mosaic name; '' when nothing is left (the catalog answers BadRequest{field: 'name'}). */
export function normalizeName(raw: string): string {
  return normalizeDisplayText(raw);
}

/** One tag; '' when nothing is left (dropped by the callers). One parameter: safe in `.map`. */
export function normalizeTag(raw: string): string {
  return normalizeDisplayText(raw);
}

/**
 * A file name as we store and show it: its last path segment only (`/` and `\` alike, so
 * `../../etc/passwd` is `passwd`), cleaned as names are, at most 255 bytes of UTF-8 cut on a
 * character boundary and keeping the extension. Nothing, `.` or `..` gives `fallback`.
 */
export function normalizeFilename(raw: string, options: { fallback?: string } = {}): string {
  const fallback = options.fallback ?? DEFAULT_FILENAME;
  const segment = (normalizeDisplayText(raw).split(/[\\/]/).pop() ?? '').trim();
  if (segment === '' || segment === '.' || segment === '..') return fallback;
  return capUtf8(segment, MAX_FILENAME_BYTES);
}

function utf8Length(char: string): number {
  const codePoint = char.codePointAt(0)!;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function capUtf8(name: string, maxBytes: number): string {
  let total = 0;
  for (const char of name) total += utf8Length(char);
  if (total <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_CHARS ? name.slice(dot) : '';
  let budget = maxBytes;
  for (const char of extension) budget -= utf8Length(char);
  let stem = '';
  for (const char of name.slice(0, name.length - extension.length)) {
    budget -= utf8Length(char);
    if (budget < 0) break;
    stem += char;
  }
  return stem.trimEnd() + extension;
}

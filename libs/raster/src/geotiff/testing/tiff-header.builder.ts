/**
 * Hand-built TIFF headers for unit tests: what GDAL cannot write (a 10^6 x 10^6 image, big-endian
 * files, odd sample formats, hostile layouts) costs a few hundred bytes here. Only the header is
 * materialised; the `size` returned is the whole file's, pixel data included, for a RangeSource that
 * reads zeros.
 */
export type FieldType = 'ASCII' | 'SHORT' | 'LONG' | 'DOUBLE' | 'LONG8';
export interface TiffField {
  tag: number;
  type: FieldType;
  values: number[] | string;
  /** Point `count` values at this offset without writing them (arrays too large to materialise). */
  virtual?: { offset: number; count: number };
}

const TYPE_CODE: Record<FieldType, number> = { ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12, LONG8: 16 };
const TYPE_SIZE: Record<FieldType, number> = { ASCII: 1, SHORT: 2, LONG: 4, DOUBLE: 8, LONG8: 8 };

export interface TiffLayout {
  bigTiff?: boolean;
  littleEndian?: boolean;
  /** Where the header says the first IFD is, instead of right after it (a link out of the file). */
  firstIfdAt?: number;
  /** The last IFD links back to the IFD of this index instead of ending the chain (a loop). */
  lastLinksTo?: number;
}

/** One IFD: the usual single-image file. */
export function tiffBytes(fields: TiffField[], layout: TiffLayout = {}): Buffer {
  return tiffFileBytes([fields], layout);
}

/** A chain of IFDs (an image and its overviews), each followed by its out-of-line values. */
export function tiffFileBytes(ifds: TiffField[][], layout: TiffLayout = {}): Buffer {
  const { bigTiff = false, littleEndian = true } = layout;
  const headerSize = bigTiff ? 16 : 8;
  const sorted = ifds.map((fields) => [...fields].sort((a, b) => a.tag - b.tag));
  const starts: number[] = [];
  let total = headerSize;
  for (const fields of sorted) {
    starts.push(total);
    total += ifdLength(fields, bigTiff);
  }
  const view = new DataView(new ArrayBuffer(total + 8));
  const word = (at: number, value: number) =>
    bigTiff ? view.setBigUint64(at, BigInt(value), littleEndian) : view.setUint32(at, value, littleEndian);

  view.setUint16(0, littleEndian ? 0x4949 : 0x4d4d);
  view.setUint16(2, bigTiff ? 43 : 42, littleEndian);
  if (bigTiff) view.setUint16(4, 8, littleEndian);
  word(bigTiff ? 8 : 4, layout.firstIfdAt ?? headerSize);
  let end = headerSize;
  sorted.forEach((fields, i) => {
    const last = i === sorted.length - 1;
    const next = last ? (layout.lastLinksTo === undefined ? 0 : starts[layout.lastLinksTo]) : starts[i + 1];
    end = writeIfd(view, starts[i], fields, next, { bigTiff, littleEndian });
  });
  return Buffer.from(view.buffer, 0, end);
}

function countOf(field: TiffField): number {
  if (field.virtual) return field.virtual.count;
  return typeof field.values === 'string' ? field.values.length + 1 : field.values.length;
}

function outOfLine(field: TiffField, bigTiff: boolean): number {
  const size = countOf(field) * TYPE_SIZE[field.type];
  return !field.virtual && size > (bigTiff ? 8 : 4) ? size + (size % 2) : 0;
}

function ifdLength(fields: TiffField[], bigTiff: boolean): number {
  const entries = (bigTiff ? 8 : 2) + fields.length * (bigTiff ? 20 : 12) + (bigTiff ? 8 : 4);
  return entries + fields.reduce((n, f) => n + outOfLine(f, bigTiff), 0);
}

/** Writes the IFD at `at` and its values after it; returns where they end. */
function writeIfd(
  view: DataView,
  at: number,
  fields: TiffField[],
  next: number,
  { bigTiff, littleEndian }: Required<Pick<TiffLayout, 'bigTiff' | 'littleEndian'>>,
): number {
  const entrySize = bigTiff ? 20 : 12;
  const word = (to: number, value: number) =>
    bigTiff ? view.setBigUint64(to, BigInt(value), littleEndian) : view.setUint32(to, value, littleEndian);
  if (bigTiff) view.setBigUint64(at, BigInt(fields.length), littleEndian);
  else view.setUint16(at, fields.length, littleEndian);
  const first = at + (bigTiff ? 8 : 2);
  word(first + fields.length * entrySize, next);
  let dataAt = first + fields.length * entrySize + (bigTiff ? 8 : 4);
  fields.forEach((field, i) => {
    const entry = first + i * entrySize;
    const count = countOf(field);
    view.setUint16(entry, field.tag, littleEndian);
    view.setUint16(entry + 2, TYPE_CODE[field.type], littleEndian);
    if (bigTiff) view.setBigUint64(entry + 4, BigInt(count), littleEndian);
    else view.setUint32(entry + 4, count, littleEndian);
    const valueAt = entry + (bigTiff ? 12 : 8);
    if (field.virtual) return word(valueAt, field.virtual.offset);
    const external = outOfLine(field, bigTiff);
    if (external > 0) {
      word(valueAt, dataAt);
      writeValues(view, dataAt, field, littleEndian);
      dataAt += external;
    } else writeValues(view, valueAt, field, littleEndian);
  });
  return dataAt;
}

function writeValues(view: DataView, at: number, field: TiffField, littleEndian: boolean): void {
  const values = typeof field.values === 'string' ? [...Buffer.from(`${field.values}\0`, 'latin1')] : field.values;
  const size = TYPE_SIZE[field.type];
  values.forEach((value, i) => {
    const to = at + i * size;
    if (field.type === 'ASCII') view.setUint8(to, value);
    else if (field.type === 'SHORT') view.setUint16(to, value, littleEndian);
    else if (field.type === 'LONG') view.setUint32(to, value, littleEndian);
    else if (field.type === 'LONG8') view.setBigUint64(to, BigInt(value), littleEndian);
    else view.setFloat64(to, value, littleEndian);
  });
}

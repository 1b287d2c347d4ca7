/**
 * Hand-built TIFF headers for unit tests: what GDAL cannot write (a 10^6 x 10^6 image, big-endian
 * files, odd sample formats) costs a few hundred bytes here. Only the header is materialised; the
 * `size` returned is the whole file's, pixel data included, for a RangeSource that reads zeros.
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
}

export function tiffBytes(fields: TiffField[], { bigTiff = false, littleEndian = true }: TiffLayout = {}): Buffer {
  const sorted = [...fields].sort((a, b) => a.tag - b.tag);
  const headerSize = bigTiff ? 16 : 8;
  const entrySize = bigTiff ? 20 : 12;
  const inline = bigTiff ? 8 : 4;
  const ifdSize = (bigTiff ? 8 : 2) + sorted.length * entrySize + (bigTiff ? 8 : 4);
  const countOf = (f: TiffField) =>
    f.virtual ? f.virtual.count : typeof f.values === 'string' ? f.values.length + 1 : f.values.length;
  const external = sorted.filter((f) => !f.virtual && countOf(f) * TYPE_SIZE[f.type] > inline);
  const total = headerSize + ifdSize + external.reduce((n, f) => n + countOf(f) * TYPE_SIZE[f.type] + 1, 0) + 8;
  const view = new DataView(new ArrayBuffer(total));
  const word = (at: number, value: number) =>
    bigTiff ? view.setBigUint64(at, BigInt(value), littleEndian) : view.setUint32(at, value, littleEndian);

  view.setUint16(0, littleEndian ? 0x4949 : 0x4d4d);
  view.setUint16(2, bigTiff ? 43 : 42, littleEndian);
  if (bigTiff) view.setUint16(4, 8, littleEndian);
  word(bigTiff ? 8 : 4, headerSize);
  if (bigTiff) view.setBigUint64(headerSize, BigInt(sorted.length), littleEndian);
  else view.setUint16(headerSize, sorted.length, littleEndian);

  let dataAt = headerSize + ifdSize;
  sorted.forEach((field, i) => {
    const at = headerSize + (bigTiff ? 8 : 2) + i * entrySize;
    const count = countOf(field);
    view.setUint16(at, field.tag, littleEndian);
    view.setUint16(at + 2, TYPE_CODE[field.type], littleEndian);
    if (bigTiff) view.setBigUint64(at + 4, BigInt(count), littleEndian);
    else view.setUint32(at + 4, count, littleEndian);
    const valueAt = at + (bigTiff ? 12 : 8);
    if (field.virtual) return word(valueAt, field.virtual.offset);
    const size = count * TYPE_SIZE[field.type];
    const target = size > inline ? dataAt : valueAt;
    if (size > inline) {
      word(valueAt, dataAt);
      dataAt += size + (size % 2);
    }
    writeValues(view, target, field, littleEndian);
  });
  return Buffer.from(view.buffer, 0, dataAt);
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

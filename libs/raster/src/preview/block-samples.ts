import type { GeoTIFFImage } from 'geotiff';

/** Sample values as geotiff.js decodes them (its `arrayForType`), always in this machine's byte order. */
export type SampleArray =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

interface SampleArrayType {
  new (length: number): SampleArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): SampleArray;
  readonly BYTES_PER_ELEMENT: number;
}

/** How the values of the requested samples sit in a decoded strip or tile. */
export interface BlockSamples {
  /** An array of the samples' type (half floats widen to float32). */
  allocate(length: number): SampleArray;
  /** A decoded block's values, `stride` per pixel (the file's samples per pixel when chunky, else 1). */
  view(block: ArrayBufferLike): SampleArray;
  stride: number;
  /** Where sample `sample` sits within a pixel's values. */
  offsetOf(sample: number): number;
}

/** Bands of different types in one file, or a type geotiff.js does not decode: GDAL reads neither. */
export class UnsupportedSampleLayout extends Error {}

const FORMAT = { uint: 1, int: 2, float: 3 } as const;
const nativeLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function blockSamplesOf(image: GeoTIFFImage): BlockSamples {
  const count = image.getSamplesPerPixel();
  const bits = perSample(image.fileDirectory.getValue('BitsPerSample'), count, 1); // TIFF's default
  const formats = perSample(image.fileDirectory.getValue('SampleFormat'), count, FORMAT.uint);
  if (bits.some((b) => b !== bits[0]) || formats.some((f) => f !== formats[0])) {
    throw new UnsupportedSampleLayout(
      `samples of different types: ${bits.join(',')} bits, formats ${formats.join(',')}`,
    );
  }
  const [format, bitsPerSample] = [formats[0], bits[0]];
  const type = arrayTypeOf(format, bitsPerSample);
  if (!type) throw new UnsupportedSampleLayout(`${bitsPerSample}-bit samples of format ${format}`);
  // geotiff.js unpacks odd bit depths into native arrays itself; whole bytes come as stored.
  const swap = bitsPerSample % 8 === 0 && bitsPerSample > 8 && image.littleEndian !== nativeLittleEndian;
  const half = format === FORMAT.float && bitsPerSample === 16;
  const chunky = image.planarConfiguration === 1;
  return {
    allocate: (length) => new type(length),
    view(block) {
      const bytes = swap ? swapBytes(block, bitsPerSample / 8) : block;
      if (half) return halfToFloat(new Uint16Array(bytes, 0, bytes.byteLength >> 1));
      return new type(bytes, 0, Math.floor(bytes.byteLength / type.BYTES_PER_ELEMENT));
    },
    stride: chunky ? count : 1,
    offsetOf: (sample) => (chunky ? sample : 0),
  };
}

/** geotiff.js's `arrayForType`, for the layouts it decodes correctly (not 24-bit, say). */
function arrayTypeOf(format: number, bits: number): SampleArrayType | undefined {
  const exact = (types: Record<number, SampleArrayType>) => types[bits];
  switch (format) {
    case FORMAT.uint:
      if (bits % 8 === 0) return exact({ 8: Uint8Array, 16: Uint16Array, 32: Uint32Array });
      return bits < 8 ? Uint8Array : bits < 16 ? Uint16Array : bits < 32 ? Uint32Array : undefined;
    case FORMAT.int:
      return exact({ 8: Int8Array, 16: Int16Array, 32: Int32Array });
    case FORMAT.float:
      return exact({ 16: Float32Array, 32: Float32Array, 64: Float64Array });
    default:
      return undefined;
  }
}

/** A tag given once for every sample, or per sample, as one value per sample. */
function perSample(value: unknown, count: number, absent: number): number[] {
  const values = typeof value === 'number' ? [value] : value ? Array.from(value as ArrayLike<number>) : [];
  return Array.from({ length: count }, (_, i) => values[i] ?? values[0] ?? absent);
}

function swapBytes(block: ArrayBufferLike, size: number): ArrayBuffer {
  const from = new Uint8Array(block);
  const to = new Uint8Array(from.length - (from.length % size));
  for (let i = 0; i < to.length; i += size) for (let b = 0; b < size; b++) to[i + b] = from[i + size - 1 - b];
  return to.buffer;
}

/** IEEE 754 half floats (TIFF's 16-bit float samples) as float32. */
function halfToFloat(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  for (let i = 0; i < halves.length; i++) {
    const h = halves[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    out[i] =
      exponent === 0
        ? sign * 2 ** -14 * (fraction / 1024)
        : exponent === 0x1f
          ? fraction
            ? NaN
            : sign * Infinity
          : sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}

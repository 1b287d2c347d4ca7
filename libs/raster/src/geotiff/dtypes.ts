/** Band data types in the lower-case names rasterio uses, which Mapflow's `meta_data.dtypes` carries. */
export type Dtype =
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'complex_int16'
  | 'complex64'
  | 'complex128';

const SAMPLE_FORMAT = { uint: 1, int: 2, float: 3, void: 4, complexInt: 5, complexFloat: 6 } as const;

/**
 * One dtype per band from BitsPerSample and SampleFormat (each given once or per sample), the way
 * GDAL maps them: odd bit depths widen to the next type (1-bit → uint8, 12-bit → uint16, as
 * GDAL's NBITS), half floats read as float32, and "void" samples count as unsigned.
 * Null when some sample has a layout GDAL cannot read either.
 */
export function dtypesOf(
  bitsPerSample: ArrayLike<number> | undefined,
  sampleFormat: ArrayLike<number> | undefined,
  count: number,
): Dtype[] | null {
  const dtypes: Dtype[] = [];
  for (let band = 0; band < count; band++) {
    const bits = pick(bitsPerSample, band) ?? 1;
    const dtype = dtypeOf(bits, pick(sampleFormat, band) ?? SAMPLE_FORMAT.uint);
    if (!dtype) return null;
    dtypes.push(dtype);
  }
  return dtypes;
}

function pick(values: ArrayLike<number> | undefined, band: number): number | undefined {
  if (!values || values.length === 0) return undefined;
  return band < values.length ? values[band] : values[0];
}

function dtypeOf(bits: number, format: number): Dtype | undefined {
  switch (format) {
    case SAMPLE_FORMAT.uint:
    case SAMPLE_FORMAT.void:
      if (bits >= 1 && bits <= 8) return 'uint8';
      if (bits > 8 && bits <= 16) return 'uint16';
      if (bits > 16 && bits <= 32) return 'uint32';
      return bits === 64 ? 'uint64' : undefined;
    case SAMPLE_FORMAT.int:
      return ({ 8: 'int8', 16: 'int16', 32: 'int32', 64: 'int64' } as const)[bits];
    case SAMPLE_FORMAT.float:
      return ({ 16: 'float32', 24: 'float32', 32: 'float32', 64: 'float64' } as const)[bits];
    case SAMPLE_FORMAT.complexInt:
      return bits === 32 ? 'complex_int16' : undefined;
    case SAMPLE_FORMAT.complexFloat:
      return ({ 64: 'complex64', 128: 'complex128' } as const)[bits];
    default:
      return undefined;
  }
}

/** GeoKey ids of the GeoTIFF 1.1 specification that georeferencing reads. */
export const GeoKey = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GTCitation: 1026,
  GeographicType: 2048,
  GeogGeodeticDatum: 2050,
  GeogPrimeMeridian: 2051,
  GeogAngularUnits: 2054,
  GeogAngularUnitSize: 2055,
  GeogEllipsoid: 2056,
  GeogSemiMajorAxis: 2057,
  GeogSemiMinorAxis: 2058,
  GeogInvFlattening: 2059,
  GeogPrimeMeridianLong: 2061,
  GeogTOWGS84: 2062,
  ProjectedCSType: 3072,
  PCSCitation: 3073,
  Projection: 3074,
  ProjCoordTrans: 3075,
  ProjLinearUnits: 3076,
  ProjLinearUnitSize: 3077,
  ProjStdParallel1: 3078,
  ProjStdParallel2: 3079,
  ProjNatOriginLong: 3080,
  ProjNatOriginLat: 3081,
  ProjFalseEasting: 3082,
  ProjFalseNorthing: 3083,
  ProjFalseOriginLong: 3084,
  ProjFalseOriginLat: 3085,
  ProjFalseOriginEasting: 3086,
  ProjFalseOriginNorthing: 3087,
  ProjCenterLong: 3088,
  ProjCenterLat: 3089,
  ProjCenterEasting: 3090,
  ProjCenterNorthing: 3091,
  ProjScaleAtNatOrigin: 3092,
  ProjScaleAtCenter: 3093,
  ProjStraightVertPoleLong: 3095,
} as const;

/** GeoKey values meaning "not an EPSG code: described by the other keys". */
export const USER_DEFINED = 32767;
export const RASTER_PIXEL_IS_POINT = 2;

const GEO_KEY_DIRECTORY_TAG = 34735;
const GEO_DOUBLE_PARAMS_TAG = 34736;
const GEO_ASCII_PARAMS_TAG = 34737;

export type GeoKeyValue = number | readonly number[] | string;

export class GeoKeys {
  constructor(private readonly values: ReadonlyMap<number, GeoKeyValue> = new Map()) {}

  get size(): number {
    return this.values.size;
  }

  has(key: number): boolean {
    return this.values.has(key);
  }

  /** A SHORT or the first DOUBLE of a key; undefined when absent or text. */
  number(key: number): number | undefined {
    const value = this.values.get(key);
    if (typeof value === 'number') return value;
    return typeof value === 'object' && value.length > 0 ? value[0] : undefined;
  }

  numbers(key: number): readonly number[] | undefined {
    const value = this.values.get(key);
    if (typeof value === 'number') return [value];
    return typeof value === 'object' ? value : undefined;
  }

  /** An ASCII key's text; undefined when absent or numeric. */
  text(key: number): string | undefined {
    const value = this.values.get(key);
    return typeof value === 'string' ? value : undefined;
  }

  /** The first of several keys that is present: the spec lets writers pick among synonyms. */
  firstNumber(...keys: number[]): number | undefined {
    for (const key of keys) {
      const value = this.number(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}

/**
 * Reads the GeoKeyDirectory: a header [version, revision, minor, count] then `count` entries of
 * [key, tag, count, value-or-offset]. Tag 0 means the value is the SHORT itself; otherwise it is
 * `count` items at `offset` in the DOUBLE or ASCII params tag (ASCII values end with '|').
 * A malformed entry is skipped rather than failing the file: GDAL reads such files too.
 */
export function parseGeoKeys(
  directory: ArrayLike<number> | undefined,
  doubles: ArrayLike<number> | undefined,
  ascii: string | undefined,
): GeoKeys {
  const values = new Map<number, GeoKeyValue>();
  if (!directory || directory.length < 4) return new GeoKeys(values);
  const declared = directory[3];
  for (let i = 0; i < declared && 4 + i * 4 + 3 < directory.length; i++) {
    const [key, tag, count, valueOrOffset] = [0, 1, 2, 3].map((j) => directory[4 + i * 4 + j]);
    const value = valueOf(tag, count, valueOrOffset, directory, doubles, ascii);
    if (value !== undefined) values.set(key, value);
  }
  return new GeoKeys(values);
}

function valueOf(
  tag: number,
  count: number,
  valueOrOffset: number,
  directory: ArrayLike<number>,
  doubles: ArrayLike<number> | undefined,
  ascii: string | undefined,
): GeoKeyValue | undefined {
  switch (tag) {
    case 0:
      return valueOrOffset;
    case GEO_DOUBLE_PARAMS_TAG:
      return slice(doubles, valueOrOffset, count);
    case GEO_KEY_DIRECTORY_TAG:
      return slice(directory, valueOrOffset, count);
    case GEO_ASCII_PARAMS_TAG:
      if (ascii === undefined || valueOrOffset + count > ascii.length) return undefined;
      return ascii.substring(valueOrOffset, valueOrOffset + count).replace(/[|\0]+$/, '');
    default:
      return undefined;
  }
}

function slice(array: ArrayLike<number> | undefined, offset: number, count: number): number[] | undefined {
  if (!array || count < 1 || offset + count > array.length) return undefined;
  return Array.from({ length: count }, (_, i) => array[offset + i]);
}

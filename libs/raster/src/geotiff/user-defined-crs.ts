import { epsgDefinition } from './epsg-definitions';
import {
  ANGULAR_UNITS,
  ellipsoidByCode,
  ellipsoidByParameters,
  LINEAR_UNITS,
  PRIME_MERIDIANS,
  type Ellipsoid,
} from './geodetic-constants';
import { GeoKey as K, GeoKeys, USER_DEFINED } from './geokeys';

/**
 * PROJ text for a CRS the GeoKeys describe parameter by parameter instead of by EPSG code, in the
 * form GDAL prints (`gdalsrsinfo -o proj4`), so the same CRS always reads as the same text.
 * Undefined when the keys name something this reader does not model: the caller rejects it.
 */
export async function userDefinedGeographic(keys: GeoKeys): Promise<string | undefined> {
  const datum = await datumOf(keys);
  return datum && `+proj=longlat ${datum} +no_defs`;
}

export async function userDefinedProjected(keys: GeoKeys): Promise<string | undefined> {
  const datum = await datumOf(keys);
  const projection = projectionOf(keys);
  const units = linearUnitOf(keys);
  if (!datum || !projection || !units) return undefined;
  const unitText = units.proj ? `+units=${units.proj}` : `+to_meter=${num(units.toMeter)}`;
  return `${projection} ${datum} ${unitText} +no_defs`;
}

/** 16001–16060 and 16101–16160 are the EPSG conversions "UTM zone N" and "UTM zone S". */
function utmOf(code: number | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (code >= 16001 && code <= 16060) return `+proj=utm +zone=${code - 16000}`;
  if (code >= 16101 && code <= 16160) return `+proj=utm +zone=${code - 16100} +south`;
  return undefined;
}

/**
 * GeoTIFF coordinate transformation codes to PROJ. Writers may put a parameter under any of its
 * synonyms (natural origin, false origin, centre), so each reads the first present, the way
 * libgeotiff normalises them. Angles are in GeogAngularUnits, offsets in ProjLinearUnits; PROJ
 * wants degrees and metres.
 */
function projectionOf(keys: GeoKeys): string | undefined {
  const utm = utmOf(keys.number(K.Projection));
  if (utm) return utm;
  const degrees = angularUnitOf(keys);
  const metres = linearUnitOf(keys)?.toMeter;
  if (degrees === undefined || metres === undefined) return undefined;
  const angle = (...ids: number[]) => num((keys.firstNumber(...ids) ?? 0) * degrees);
  const length = (...ids: number[]) => num((keys.firstNumber(...ids) ?? 0) * metres);
  const scale = (...ids: number[]) => num(keys.firstNumber(...ids) ?? 1);
  const natLat = () => angle(K.ProjNatOriginLat, K.ProjFalseOriginLat, K.ProjCenterLat);
  const natLon = () => angle(K.ProjNatOriginLong, K.ProjFalseOriginLong, K.ProjCenterLong);
  const centreLat = () => angle(K.ProjCenterLat, K.ProjNatOriginLat);
  const centreLon = () => angle(K.ProjCenterLong, K.ProjNatOriginLong);
  const k = () => scale(K.ProjScaleAtNatOrigin, K.ProjScaleAtCenter);
  const fe = `+x_0=${length(K.ProjFalseEasting, K.ProjFalseOriginEasting, K.ProjCenterEasting)}`;
  const fn = `+y_0=${length(K.ProjFalseNorthing, K.ProjFalseOriginNorthing, K.ProjCenterNorthing)}`;
  const sp1 = () => angle(K.ProjStdParallel1);
  const sp2 = () => angle(K.ProjStdParallel2);

  switch (keys.number(K.ProjCoordTrans)) {
    case 1: // CT_TransverseMercator
      return `+proj=tmerc +lat_0=${natLat()} +lon_0=${natLon()} +k=${k()} ${fe} ${fn}`;
    case 7: // CT_Mercator: a standard parallel makes it the 2SP variant
      return keys.has(K.ProjStdParallel1)
        ? `+proj=merc +lat_ts=${sp1()} +lon_0=${natLon()} ${fe} ${fn}`
        : `+proj=merc +lon_0=${natLon()} +k=${k()} ${fe} ${fn}`;
    case 8: {
      // CT_LambertConfConic_2SP: the origin is the "false origin", with its own easting/northing
      const lat0 = angle(K.ProjFalseOriginLat, K.ProjNatOriginLat);
      const lon0 = angle(K.ProjFalseOriginLong, K.ProjNatOriginLong);
      const x0 = length(K.ProjFalseOriginEasting, K.ProjFalseEasting);
      const y0 = length(K.ProjFalseOriginNorthing, K.ProjFalseNorthing);
      return `+proj=lcc +lat_0=${lat0} +lon_0=${lon0} +lat_1=${sp1()} +lat_2=${sp2()} +x_0=${x0} +y_0=${y0}`;
    }
    case 9: // CT_LambertConfConic_1SP
      return `+proj=lcc +lat_1=${natLat()} +lat_0=${natLat()} +lon_0=${natLon()} +k_0=${k()} ${fe} ${fn}`;
    case 10: // CT_LambertAzimEqualArea
      return `+proj=laea +lat_0=${centreLat()} +lon_0=${centreLon()} ${fe} ${fn}`;
    case 11: // CT_AlbersEqualArea
      return `+proj=aea +lat_0=${natLat()} +lon_0=${natLon()} +lat_1=${sp1()} +lat_2=${sp2()} ${fe} ${fn}`;
    case 12: // CT_AzimuthalEquidistant
      return `+proj=aeqd +lat_0=${centreLat()} +lon_0=${centreLon()} ${fe} ${fn}`;
    case 14: // CT_Stereographic
      return `+proj=stere +lat_0=${centreLat()} +lon_0=${centreLon()} +k=${k()} ${fe} ${fn}`;
    case 15:
      return polarStereographic(angle, k(), `${fe} ${fn}`);
    case 16: // CT_ObliqueStereographic
      return `+proj=sterea +lat_0=${natLat()} +lon_0=${natLon()} +k=${k()} ${fe} ${fn}`;
    case 17: // CT_Equirectangular
      return `+proj=eqc +lat_ts=${sp1()} +lat_0=${centreLat()} +lon_0=${centreLon()} ${fe} ${fn}`;
    case 18: // CT_CassiniSoldner
      return `+proj=cass +lat_0=${natLat()} +lon_0=${natLon()} ${fe} ${fn}`;
    case 24: // CT_Sinusoidal
      return `+proj=sinu +lon_0=${centreLon()} ${fe} ${fn}`;
    case 28: // CT_CylindricalEqualArea
      return `+proj=cea +lat_ts=${sp1()} +lon_0=${natLon()} ${fe} ${fn}`;
    default:
      return undefined;
  }
}

/**
 * CT_PolarStereographic carries one latitude: ±90 means variant A (scale at the pole); anything
 * else is variant B's latitude of true scale (EPSG:3413 style), as GDAL reads it.
 */
function polarStereographic(angle: (...ids: number[]) => string, k: string, offsets: string): string {
  const lon = angle(K.ProjStraightVertPoleLong, K.ProjNatOriginLong, K.ProjFalseOriginLong, K.ProjCenterLong);
  const lat = Number(angle(K.ProjNatOriginLat, K.ProjFalseOriginLat, K.ProjCenterLat, K.ProjStdParallel1));
  if (Math.abs(lat) === 90) return `+proj=stere +lat_0=${lat} +lon_0=${lon} +k=${k} ${offsets}`;
  return `+proj=stere +lat_0=${lat < 0 ? -90 : 90} +lat_ts=${lat} +lon_0=${lon} ${offsets}`;
}

/** Datum as PROJ text: from the geographic CRS's EPSG code, its datum's, or its ellipsoid's. */
async function datumOf(keys: GeoKeys): Promise<string | undefined> {
  // EPSG numbers a classic datum 6xxx and its geographic CRS 4xxx, which epsg-index lists.
  const datumCode = keys.number(K.GeogGeodeticDatum);
  const viaDatum = datumCode !== undefined && datumCode >= 6000 && datumCode < 7000 ? datumCode - 2000 : undefined;
  let datum =
    (await geographicDatum(keys.number(K.GeographicType))) ?? (await geographicDatum(viaDatum)) ?? ellipsoidOf(keys);
  if (!datum) return undefined;
  datum = withTowgs84(datum, keys);
  const pmLong = keys.number(K.GeogPrimeMeridianLong);
  const pm =
    pmLong !== undefined
      ? pmLong * (angularUnitOf(keys) ?? 1)
      : PRIME_MERIDIANS[keys.number(K.GeogPrimeMeridian) ?? 8901];
  if (pm && !datum.includes('+pm=')) datum += ` +pm=${num(pm)}`;
  return datum;
}

async function geographicDatum(code: number | undefined): Promise<string | undefined> {
  if (code === undefined || code === USER_DEFINED) return undefined;
  const definition = await epsgDefinition(code);
  if (!definition || definition.kind !== 'CRS-GEOGCRS') return undefined;
  const kept = definition.proj4
    .split(/\s+/)
    .filter((token) => /^\+(datum|ellps|a|b|rf|f|R|towgs84|nadgrids|pm)=/.test(token));
  return kept.length > 0 ? kept.join(' ') : undefined;
}

function ellipsoidOf(keys: GeoKeys): string | undefined {
  const byCode = ellipsoidByCode(keys.number(K.GeogEllipsoid));
  if (byCode) return ellipsoidText(byCode);
  const a = keys.number(K.GeogSemiMajorAxis);
  if (!a) return undefined;
  const b = keys.number(K.GeogSemiMinorAxis);
  const rf = keys.number(K.GeogInvFlattening) ?? (b !== undefined && b !== a ? a / (a - b) : undefined);
  return rf ? ellipsoidText(ellipsoidByParameters(a, rf)) : `+R=${num(a)}`;
}

function ellipsoidText({ proj, a, rf }: Ellipsoid): string {
  return proj ? `+ellps=${proj}` : `+a=${num(a)} +rf=${num(rf)}`;
}

/**
 * GeogTOWGS84 overrides whatever shift to WGS 84 the datum implies (GDAL reads it so, a "bound"
 * CRS): the datum name gives way to its ellipsoid and the explicit parameters.
 */
export function withTowgs84(proj4: string, keys: GeoKeys): string {
  const towgs84 = keys.numbers(K.GeogTOWGS84);
  if (!towgs84 || (towgs84.length !== 3 && towgs84.length !== 7)) return proj4;
  const ellipsoidOfDatum: Record<string, string> = { WGS84: 'WGS84', NAD83: 'GRS80', NAD27: 'clrk66' };
  const tokens = proj4
    .split(/\s+/)
    .filter((token) => token && !token.startsWith('+towgs84=') && !token.startsWith('+nadgrids='))
    .map((token) => token.replace(/^\+datum=(\w+)$/, (_, name: string) => `+ellps=${ellipsoidOfDatum[name] ?? name}`));
  // GDAL prints the 3-parameter (translation only) form as 7 parameters, rotations and scale zero.
  const shift = `+towgs84=${[...towgs84, 0, 0, 0, 0].slice(0, 7).map(num).join(',')}`;
  const tail = tokens.findIndex((token) => /^\+(units=|to_meter=|no_defs|type=)/.test(token));
  tokens.splice(tail < 0 ? tokens.length : tail, 0, shift);
  return tokens.join(' ');
}

function angularUnitOf(keys: GeoKeys): number | undefined {
  const code = keys.number(K.GeogAngularUnits) ?? 9102;
  if (code !== USER_DEFINED) return ANGULAR_UNITS[code];
  const radians = keys.number(K.GeogAngularUnitSize);
  return radians ? (radians * 180) / Math.PI : undefined;
}

function linearUnitOf(keys: GeoKeys): { toMeter: number; proj?: string } | undefined {
  const code = keys.number(K.ProjLinearUnits) ?? 9001;
  if (code !== USER_DEFINED) return LINEAR_UNITS[code];
  const size = keys.number(K.ProjLinearUnitSize);
  return size ? { toMeter: size } : undefined;
}

/**
 * Numbers as PROJ prints them: 15 significant digits, and a value within 1e-8 of a multiple of 0.1
 * snapped to it (PROJ's guard against unit round trips: 3280.83333333333 US ft is x_0=1000).
 */
function num(value: number): string {
  const tenths = Math.round(value * 10);
  const snapped = Math.abs(value * 10 - tenths) < 1e-8 ? tenths / 10 : value;
  return String(Number(snapped.toPrecision(15)));
}

import { epsgDefinition } from './epsg-definitions';
import { GeoKey as K, GeoKeys, USER_DEFINED } from './geokeys';
import { pseudoMercatorOf } from './pseudo-mercator';
import { userDefinedGeographic, userDefinedProjected, withTowgs84 } from './user-defined-crs';

export interface ResolvedCrs {
  /** `EPSG:<code>` when the keys name one; otherwise the PROJ text built from the keys. */
  crs: string;
  /** The definition proj4js transforms with. */
  proj4: string;
}

const MODEL_GEOGRAPHIC = 2;
const MODEL_GEOCENTRIC = 3;

/**
 * The CRS of a GeoTIFF from its GeoKeys; null when there is none, or one we cannot transform
 * (geocentric, an unknown code, an unmodelled projection) — either way the footprint is unknown.
 * A GeogTOWGS84 key overrides the datum shift of any EPSG code (GDAL: a bound CRS), so such a CRS
 * is no longer the EPSG one and is reported as PROJ text. EPSG:3857 written as user-defined keys
 * reads as the spherical Pseudo-Mercator, where GDAL recognises it (pseudo-mercator.ts).
 */
export async function crsOf(keys: GeoKeys): Promise<ResolvedCrs | null> {
  const model = keys.number(K.GTModelType);
  if (model === MODEL_GEOCENTRIC) return null;
  const projected = keys.number(K.ProjectedCSType);
  const geographic = keys.number(K.GeographicType);

  if (model !== MODEL_GEOGRAPHIC && projected !== undefined && projected !== USER_DEFINED) {
    return epsgCrs(projected, ['CRS-PROJCRS'], keys);
  }
  if (model !== MODEL_GEOGRAPHIC && (projected !== undefined || keys.has(K.ProjCoordTrans) || keys.has(K.Projection))) {
    return fromProj4(pseudoMercatorOf(keys) ?? (await userDefinedProjected(keys)));
  }
  if (geographic !== undefined && geographic !== USER_DEFINED) {
    return epsgCrs(geographic, ['CRS-GEOGCRS', 'CRS-GEOG3DCRS'], keys);
  }
  const describesGeographic = [K.GeographicType, K.GeogGeodeticDatum, K.GeogEllipsoid, K.GeogSemiMajorAxis];
  if (describesGeographic.some((key) => keys.has(key))) return fromProj4(await userDefinedGeographic(keys));
  return null;
}

async function epsgCrs(code: number, kinds: string[], keys: GeoKeys): Promise<ResolvedCrs | null> {
  const definition = await epsgDefinition(code);
  if (!definition || !kinds.includes(definition.kind)) return null;
  if (!keys.has(K.GeogTOWGS84)) return { crs: `EPSG:${code}`, proj4: definition.proj4 };
  return fromProj4(withTowgs84(definition.proj4.replace(/\s*\+type=crs/, ''), keys));
}

function fromProj4(proj4: string | undefined): ResolvedCrs | null {
  return proj4 ? { crs: proj4, proj4 } : null;
}

import { GeoKey as K, GeoKeys, USER_DEFINED } from './geokeys';

/** EPSG:3857's PROJ text, as GDAL prints it for any CRS it reads as the Pseudo-Mercator. */
export const PSEUDO_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';

/** EPSG conversion 3856, "Popular Visualisation Pseudo-Mercator" (method 1024). */
const PSEUDO_MERCATOR_CONVERSION = 3856;
const CT_MERCATOR = 7;
const ESRI_PE = 'ESRI PE String = ';
/**
 * EPSG:3857's names (its EPSG name, ESRI's, the old gdal2tiles one) as PROJ matches a CRS name
 * against them: case, spaces and punctuation aside, "1984" for "84", "(deprecated)" dropped.
 * Measured with GDAL 3.6: "WGS 84 / Pseudo-Mercator", "WGS_84_Pseudo_Mercator", "WGS 1984 /
 * Pseudo-Mercator", "WGS 84 / Web Mercator" match; the method's own name ("Popular Visualisation
 * Pseudo Mercator"), "Pseudo-Mercator" or "WGS84 / Google Mercator" do not.
 */
const PSEUDO_MERCATOR_NAMES = new Set([
  'wgs84pseudomercator',
  'wgs84webmercator',
  'wgs84webmercatorauxiliarysphere',
  'googlemapsglobalmercator',
]);

/**
 * EPSG:3857 written without its code, in the three ways GDAL recognises: the spherical Mercator
 * that web maps use, on WGS 84 coordinates, which an ellipsoidal Mercator would place up to 0.2°
 * off. Undefined for any other CRS. The other old way — Mercator on a sphere of radius 6378137
 * (semi-major = semi-minor) — needs nothing here: it is spherical Mercator by its own keys.
 *
 * - ProjectionGeoKey names the EPSG conversion: GDAL takes it from EPSG, parameters and all.
 * - A user-defined model with an ESRI PE string (what GDAL itself writes for a `+proj=merc +a=b`
 *   CRS) whose projection is Mercator_Auxiliary_Sphere on the semi-major axis (type 0).
 * - Mercator whose PCS citation (or, without one, GT citation) carries EPSG:3857's name: PROJ then
 *   transforms it as EPSG:3857, whatever the keys' parameters or datum say.
 */
export function pseudoMercatorOf(keys: GeoKeys): string | undefined {
  if (keys.number(K.Projection) === PSEUDO_MERCATOR_CONVERSION) return PSEUDO_MERCATOR;
  const citation = keys.text(K.PCSCitation) ?? keys.text(K.GTCitation);
  if (citation?.startsWith(ESRI_PE)) {
    if (keys.number(K.GTModelType) !== USER_DEFINED) return undefined;
    return auxiliarySphereOf(citation.slice(ESRI_PE.length));
  }
  if (keys.number(K.ProjCoordTrans) !== CT_MERCATOR || !citation) return undefined;
  return PSEUDO_MERCATOR_NAMES.has(normalisedName(citation)) ? PSEUDO_MERCATOR : undefined;
}

function normalisedName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(deprecated\)/g, '')
    .replace(/[^a-z0-9]/g, '')
    .replace(/1984/g, '84');
}

/** Mercator_Auxiliary_Sphere of type 0 is the Pseudo-Mercator; its parameters are the PE string's. */
function auxiliarySphereOf(wkt: string): string | undefined {
  if (!/PROJECTION\["Mercator_Auxiliary_Sphere"\]/i.test(wkt) || parameter(wkt, 'Auxiliary_Sphere_Type') !== 0) {
    return undefined;
  }
  const lon0 = parameter(wkt, 'Central_Meridian') ?? 0;
  const x0 = parameter(wkt, 'False_Easting') ?? 0;
  const y0 = parameter(wkt, 'False_Northing') ?? 0;
  return PSEUDO_MERCATOR.replace('+lon_0=0', `+lon_0=${lon0}`)
    .replace('+x_0=0', `+x_0=${x0}`)
    .replace('+y_0=0', `+y_0=${y0}`);
}

function parameter(wkt: string, name: string): number | undefined {
  const match = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+-]+)\\]`, 'i').exec(wkt);
  return match ? Number(match[1]) : undefined;
}

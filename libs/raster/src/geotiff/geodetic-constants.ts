/**
 * The few EPSG geodetic codes GeoKeys name for user-defined CRSs, with the PROJ names GDAL prints
 * for them. epsg-index only lists CRSs, not ellipsoids, meridians or units, hence these tables.
 */
export interface Ellipsoid {
  a: number;
  rf: number;
  /** PROJ's `+ellps` name, where GDAL prints one for this ellipsoid. */
  proj?: string;
}

/** EPSG ellipsoid codes. GDAL names some by their code even where PROJ's values differ slightly (Airy). */
const EPSG_ELLIPSOIDS: Readonly<Record<number, Ellipsoid>> = {
  7001: { a: 6377563.396, rf: 299.3249646, proj: 'airy' },
  7002: { a: 6377340.189, rf: 299.3249646 },
  7003: { a: 6378160, rf: 298.25, proj: 'aust_SA' },
  7004: { a: 6377397.155, rf: 299.1528128, proj: 'bessel' },
  7008: { a: 6378206.4, rf: 294.978698213898, proj: 'clrk66' },
  7011: { a: 6378249.2, rf: 293.466021293627, proj: 'clrk80ign' },
  7012: { a: 6378249.145, rf: 293.465 },
  7015: { a: 6377276.345, rf: 300.8017, proj: 'evrst30' },
  7019: { a: 6378137, rf: 298.257222101, proj: 'GRS80' },
  7020: { a: 6378200, rf: 298.3, proj: 'helmert' },
  7022: { a: 6378388, rf: 297, proj: 'intl' },
  7024: { a: 6378245, rf: 298.3, proj: 'krass' },
  7030: { a: 6378137, rf: 298.257223563, proj: 'WGS84' },
  7036: { a: 6378160, rf: 298.247167427, proj: 'GRS67' },
  7043: { a: 6378135, rf: 298.26, proj: 'WGS72' },
};

/** PROJ's own ellipsoid list (pj_ellps), which PROJ matches user-given parameters against. */
const PROJ_ELLIPSOIDS: readonly Required<Ellipsoid>[] = [
  { proj: 'WGS84', a: 6378137, rf: 298.257223563 },
  { proj: 'GRS80', a: 6378137, rf: 298.257222101 },
  { proj: 'WGS72', a: 6378135, rf: 298.26 },
  { proj: 'intl', a: 6378388, rf: 297 },
  { proj: 'krass', a: 6378245, rf: 298.3 },
  { proj: 'bessel', a: 6377397.155, rf: 299.1528128 },
  { proj: 'bess_nam', a: 6377483.865, rf: 299.1528128 },
  { proj: 'clrk66', a: 6378206.4, rf: 6378206.4 / (6378206.4 - 6356583.8) },
  { proj: 'clrk80', a: 6378249.145, rf: 293.4663 },
  { proj: 'clrk80ign', a: 6378249.2, rf: 293.4660212936269 },
  { proj: 'airy', a: 6377563.396, rf: 6377563.396 / (6377563.396 - 6356256.91) },
  { proj: 'mod_airy', a: 6377340.189, rf: 6377340.189 / (6377340.189 - 6356034.446) },
  { proj: 'aust_SA', a: 6378160, rf: 298.25 },
  { proj: 'GRS67', a: 6378160, rf: 298.247167427 },
  { proj: 'helmert', a: 6378200, rf: 298.3 },
  { proj: 'evrst30', a: 6377276.345, rf: 300.8017 },
];

export function ellipsoidByCode(code: number | undefined): Ellipsoid | undefined {
  return code === undefined ? undefined : EPSG_ELLIPSOIDS[code];
}

/** The PROJ name of an ellipsoid given by (semi-major, inverse flattening), if PROJ has one. */
export function ellipsoidByParameters(a: number, rf: number): Ellipsoid {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-10 * Math.abs(y);
  return PROJ_ELLIPSOIDS.find((e) => close(a, e.a) && close(rf, e.rf)) ?? { a, rf };
}

/** Prime meridians, degrees east of Greenwich. */
export const PRIME_MERIDIANS: Readonly<Record<number, number>> = {
  8901: 0,
  8902: -9.0754862,
  8903: 2.33722917,
  8904: -74.08091667,
  8905: -3.68793889,
  8906: 12.45233333,
  8907: 7.43958333,
  8908: 106.80771944,
  8909: -17.66666667,
  8910: 4.367975,
  8911: 18.05827778,
  8912: 23.7163375,
  8913: 10.72291667,
};

/** Linear units: metres per unit, and the PROJ `+units` name where proj4js has one. */
export const LINEAR_UNITS: Readonly<Record<number, { toMeter: number; proj?: string }>> = {
  9001: { toMeter: 1, proj: 'm' },
  9002: { toMeter: 0.3048, proj: 'ft' },
  9003: { toMeter: 1200 / 3937, proj: 'us-ft' },
  9005: { toMeter: 0.3047972654 },
  9014: { toMeter: 1.8288 },
  9030: { toMeter: 1852 },
  9036: { toMeter: 1000 },
  9037: { toMeter: 0.9143917962 },
  9040: { toMeter: 0.91439523 },
  9042: { toMeter: 20.11669506 },
  9084: { toMeter: 0.9143985 },
  9093: { toMeter: 1609.344 },
};

/** Angular units: degrees per unit. */
export const ANGULAR_UNITS: Readonly<Record<number, number>> = {
  9101: 180 / Math.PI,
  9102: 1,
  9103: 1 / 60,
  9104: 1 / 3600,
  9105: 0.9,
  9106: 0.9,
  9122: 1,
};

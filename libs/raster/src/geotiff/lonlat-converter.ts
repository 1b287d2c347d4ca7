import proj4 from 'proj4';

/** CRS coordinates to EPSG:4326 lon/lat; NaN where the projection has no inverse for a point. */
export type LonLatConverter = (point: [number, number]) => [number, number];

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
/** Uploads name few CRSs, but user-defined ones are text a client controls: keep the cache bounded. */
const MAX_CACHED = 256;
const converters = new Map<string, LonLatConverter | undefined>();

/** Undefined when proj4js cannot build the definition (a projection it does not implement). */
export function lonLatConverter(crsProj4: string): LonLatConverter | undefined {
  if (!converters.has(crsProj4)) {
    if (converters.size >= MAX_CACHED) converters.delete(converters.keys().next().value!);
    converters.set(crsProj4, build(crsProj4));
  }
  return converters.get(crsProj4);
}

function build(crsProj4: string): LonLatConverter | undefined {
  let converter: proj4.Converter;
  try {
    converter = proj4(withoutGridFiles(crsProj4), WGS84);
  } catch {
    return undefined;
  }
  return (point) => {
    try {
      const [lon, lat] = converter.forward(point);
      return [lon, lat];
    } catch {
      return [NaN, NaN];
    }
  };
}

/**
 * Datum shift grids (`+nadgrids=file.gsb`) are files we do not ship; proj4js would fail every point.
 * Without them the datum is taken as WGS 84 (PROJ's "ballpark" transformation): metres to some
 * hundred metres off, which a footprint tolerates. Optional grids (`@name`, `@null`) stay.
 */
function withoutGridFiles(definition: string): string {
  return definition.replace(/\s*\+nadgrids=(?!@)\S+/g, '');
}

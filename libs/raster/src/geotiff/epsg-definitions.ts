import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What `epsg-index` knows of one EPSG CRS code (EPSG dataset, as published by epsg.io). */
export interface EpsgDefinition {
  code: number;
  /** `CRS-PROJCRS`, `CRS-GEOGCRS`, ... */
  kind: string;
  /** PROJ.4 text proj4js understands. */
  proj4: string;
}

// One small JSON file per code, read on first use and kept: loading the whole index (tens of MB)
// for the one or two codes an upload names would cost more than the validation itself.
const definitionsDir = join(dirname(require.resolve('epsg-index/package.json')), 's');
const cache = new Map<number, Promise<EpsgDefinition | undefined>>();

export function epsgDefinition(code: number): Promise<EpsgDefinition | undefined> {
  if (!Number.isInteger(code) || code <= 0 || code >= 32767) return Promise.resolve(undefined);
  let definition = cache.get(code);
  if (!definition) {
    definition = load(code);
    cache.set(code, definition);
  }
  return definition;
}

async function load(code: number): Promise<EpsgDefinition | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(definitionsDir, `${code}.json`), 'utf8'));
    return entry.proj4 ? { code, kind: String(entry.kind), proj4: String(entry.proj4) } : undefined;
  } catch {
    return undefined;
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../deploy/local/service-processes';

/** The real-world samples of shared/fixtures (read-only; see their README). */
export function sharedFixture(name: string): string {
  return path.join(repoRoot(), '..', 'shared', 'fixtures', 'geotiff', name);
}

/** A multipart/form-data upload of `bytes` as the part `file`, as the QGIS plugin sends it. */
export async function uploadFile(
  url: string,
  token: string,
  file: { name: string; bytes: Buffer } | string,
): Promise<{ status: number; json: any }> {
  const { name, bytes } = typeof file === 'string' ? { name: path.basename(file), bytes: readFileSync(file) } : file;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/tiff' }), name);
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${token}` }, body: form });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

export { repoRoot as repoRootForTests } from '../../deploy/local/service-processes';

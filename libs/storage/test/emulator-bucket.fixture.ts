import { randomUUID } from 'node:crypto';
import { Storage } from '@google-cloud/storage';
import { GcsBlobStore, type GcsBlobStoreOptions } from '../src/gcs-blob-store';

export const EMULATOR_PROJECT = 'my-imagery-test';

export function emulatorEndpoint(fromEnv: string | undefined): string {
  if (!fromEnv) throw new Error('GCS_API_ENDPOINT is not set; run through jest so the global setup starts the stack');
  return fromEnv;
}

/** A bucket of its own per test file, so files can run in parallel against one emulator. */
export function uniqueBucketName(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

export function aGcsBlobStore(options: Partial<GcsBlobStoreOptions> & { apiEndpoint: string; bucket: string }) {
  return new GcsBlobStore({ projectId: EMULATOR_PROJECT, ...options });
}

/** Empties and deletes a bucket behind the port's back; the port deliberately cannot. */
export async function removeBucket(apiEndpoint: string, bucket: string): Promise<void> {
  const raw = new Storage({ apiEndpoint, projectId: EMULATOR_PROJECT }).bucket(bucket);
  const [exists] = await raw.exists();
  if (!exists) return;
  await raw.deleteFiles({ force: true });
  await raw.delete();
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { validateGeoTiff } from '@mi/raster';
import { blobRangeReader, GcsBlobStore } from '@mi/storage';
import { aTiffHeader } from '../../libs/raster/src/geotiff/testing/a-tiff-header.builder';
import { bucketOf, ensureUser, repoRoot } from '../../deploy/local/service-processes';
import { startPlatform } from '../support/platform';
import { stackEnv } from '../support/stack';
import { report, summarize, type BenchRow } from './bench-report';

// Bounded: two uploads (10 MB and 1 GB), loopback only. Proves the two promises of the upload
// path: memory does not grow with file size, and validation cost does not either.
const MiB = 1024 * 1024;
const RSS_LIMIT_MB = 200;
const VALIDATIONS = 15;

/** A valid 8-bit tiled GeoTIFF of about `mb` MiB, streamed: header, then zeros, never in memory. */
function syntheticGeoTiff(side: number, tile: number) {
  const header = aTiffHeader({ width: side, height: side, tile });
  async function* bytes() {
    yield header.bytes;
    const zeros = Buffer.alloc(MiB);
    for (let left = header.size - header.bytes.length; left > 0; left -= zeros.length) {
      yield left >= zeros.length ? zeros : zeros.subarray(0, left);
    }
  }
  return { size: header.size, stream: () => Readable.from(bytes()) };
}

/** Peak resident memory of a process since it started (VmHWM), in MiB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'))!;
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

async function upload(url: string, token: string, name: string, file: ReturnType<typeof syntheticGeoTiff>) {
  const boundary = 'bench-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/tiff\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const t0 = performance.now();
  const body = await new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + file.size + tail.length),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', reject);
    async function* all() {
      yield head;
      yield* file.stream();
      yield tail;
    }
    pipeline(Readable.from(all()), req).catch(reject);
  });
  return { ...body, ms: performance.now() - t0 };
}

async function main() {
  execFileSync(path.join(repoRoot(), 'deploy/local/stack.sh'), ['up'], { stdio: 'inherit' });
  const platform = await startPlatform('bench-upload', {
    ingest: { LOG_LEVEL: 'warn' },
    gateway: { LOG_LEVEL: 'warn' },
  });
  const rows: BenchRow[] = [];
  const memory: Record<string, Record<string, number>> = {};
  // 1.3 GB in all: more than the free plan's storage, so the bench user is on business.
  const token = await ensureUser(platform.service('gateway').spec, 'bench@example.com', 'business');
  const blobs = new GcsBlobStore({ bucket: bucketOf(platform.namespace), apiEndpoint: stackEnv.gcsApiEndpoint });
  try {
    const mosaic = (await (
      await fetch(`${platform.gatewayUrl}/rest/rasters/mosaic`, {
        method: 'POST',
        headers: { authorization: `Basic ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench' }),
      })
    ).json()) as { id: string };
    const files = {
      '10 MB': syntheticGeoTiff(3584, 512),
      '300 MB': syntheticGeoTiff(17408, 512),
      '1 GB': syntheticGeoTiff(32000, 512),
    };
    const validation: Record<string, number[]> = {};
    for (const [label, file] of Object.entries(files)) {
      const result = await upload(
        `${platform.gatewayUrl}/rest/rasters/mosaic/${mosaic.id}/image`,
        token,
        `${label}.tif`,
        file,
      );
      if (result.status !== 200)
        throw new Error(`${label} upload answered ${result.status}: ${JSON.stringify(result.json)}`);
      const mbPerSec = file.size / MiB / (result.ms / 1000);
      rows.push({
        ...summarize(`upload ${label} (${(file.size / MiB).toFixed(0)} MiB) through the gateway`, [result.ms]),
        throughputPerSec: Math.round(mbPerSec),
      });
      memory[label] = Object.fromEntries(
        ['gateway', 'ingest', 'catalog', 'quota'].map((s) => [s, peakRssMb(platform.service(s).process.pid!)]),
      );
      const key = `images/${result.json.id}`;
      validation[label] = [];
      for (let i = -3; i < VALIDATIONS; i++) {
        const t0 = performance.now();
        await validateGeoTiff(blobRangeReader(blobs, key, file.size), {
          filename: `${label}.tif`,
          fileSize: file.size,
          maxPixelsPerSide: 100_000,
        });
        if (i >= 0) validation[label].push(performance.now() - t0); // the first three warm up
      }
      rows.push(summarize(`validate ${label} from storage (header range reads)`, validation[label]));
    }
    const [small, large] = [validation['10 MB'], validation['1 GB']].map((v) => summarize('', v).p50);
    const peak = Math.max(...Object.values(memory).flatMap((m) => Object.values(m)));
    report('upload', rows, {
      cpus: os.cpus().length,
      node: process.version,
      peakRssMbAfterEachUpload: memory,
      rssLimitMb: RSS_LIMIT_MB,
      peakRssWithinLimit: peak < RSS_LIMIT_MB,
      validationP50RatioLargeToSmall: Math.round((large / small) * 100) / 100,
    });
    console.log('peak RSS (MiB) after each upload:', JSON.stringify(memory));
    console.log(
      `validation p50: 10 MB ${small.toFixed(1)} ms, 1 GB ${large.toFixed(1)} ms (ratio ${(large / small).toFixed(2)})`,
    );
  } finally {
    await blobs.deletePrefix('images/').catch(() => undefined);
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

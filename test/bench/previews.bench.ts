import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GcsBlobStore } from '@mi/storage';
import { aGeoTiff, removeGeoTiffFixtures } from '../../libs/raster/src/geotiff/testing/a-geotiff.builder';
import { gdalReading } from '../../libs/raster/src/geotiff/testing/gdal.oracle';
import { aGcsBlobStore, removeBucket, uniqueBucketName } from '../../libs/storage/test/emulator-bucket.fixture';
import { stackEnv } from '../support/stack';
import { report, summarize, type BenchRow } from './bench-report';
import { BENCH_FILES, type BenchFile } from './previews.fixtures';
import type { RenderJob, RenderResult } from './render-preview.child';

// Bounded: five generated files (a minute or so to write), then 15 renders of each COG and 5 of
// each other file per tool, each tool and file in processes of their own so that peak RSS is per
// tool per file. The yardstick is libvips's own thumbnailer, on the same files in the same run.
const VIPSTHUMBNAIL = '/usr/bin/vipsthumbnail';
const COG_TARGET_MS = 100;
const RUNS = { cog: 15, other: 5 };
const GCS_BUCKET = uniqueBucketName('bench-previews');

// Runs a command `runs + 1` times (the first warms up) and reports each run's wall time and the
// largest peak RSS among them (getrusage of the children): no interpreter start in the figures.
const TIMED_RUNS = `
import json, resource, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs + 1):
    t0 = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t0) * 1000)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"firstMs": times[0], "samplesMs": times[1:], "peakRssMb": round(rss / 1024)}))
`;

type Measured = Pick<RenderResult, 'firstMs' | 'samplesMs' | 'peakRssMb'>;

function vipsThumbnail(file: string, out: string, runs: number): Measured {
  const args = ['-c', TIMED_RUNS, String(runs), VIPSTHUMBNAIL, file, '--size', '1024', '-o', `${out}[Q=85]`];
  return JSON.parse(execFileSync('python3', args, { env: { ...process.env, VIPS_WARNING: '0' } }).toString());
}

function ours(job: RenderJob): RenderResult {
  const child = path.join(__dirname, 'render-preview.child.js');
  return JSON.parse(execFileSync(process.execPath, [child, JSON.stringify(job)]).toString());
}

/** The local stack's GCS emulator when it is up: a COG is then also rendered by range over HTTP. */
async function emulator(): Promise<GcsBlobStore | null> {
  const up = await fetch(`${stackEnv.gcsApiEndpoint}/storage/v1/b`, { signal: AbortSignal.timeout(1000) })
    .then((response) => response.ok)
    .catch(() => false);
  if (!up) return null;
  const store = aGcsBlobStore({ bucket: GCS_BUCKET, apiEndpoint: stackEnv.gcsApiEndpoint });
  await store.ensureBucket();
  return store;
}

async function throughEmulator(store: GcsBlobStore, tif: string, job: Omit<RenderJob, 'path'>) {
  const key = `originals/${path.basename(tif)}`;
  await store.write(key, createReadStream(tif), { contentType: 'image/tiff' });
  try {
    return ours({ ...job, gcs: { apiEndpoint: stackEnv.gcsApiEndpoint, bucket: GCS_BUCKET, key } });
  } finally {
    await store.delete(key);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
const row = (name: string, m: Measured, extra: Record<string, unknown> = {}) => ({
  ...summarize(name, m.samplesMs),
  firstMs: round(m.firstMs),
  peakRssMb: m.peakRssMb,
  ...extra,
});

async function measure(file: BenchFile, out: string, store: GcsBlobStore | null) {
  const t0 = performance.now();
  const tif = aGeoTiff(file.options);
  const writtenInS = round((performance.now() - t0) / 1000);
  try {
    const { dtypes, nodata } = gdalReading(tif);
    const runs = file.cog ? RUNS.cog : RUNS.other;
    const mine = ours({ path: tif, dtypes, nodata, runs });
    const vips = vipsThumbnail(tif, path.join(out, 'vips.jpg'), runs);
    const [a, b] = [summarize('', mine.samplesMs), summarize('', vips.samplesMs)];
    const ratio = round(a.p50 / b.p50);
    const rows: (BenchRow & Record<string, unknown>)[] = [
      row(`ours: ${file.label}`, mine, { oursToVips: ratio }),
      row(`vipsthumbnail: ${file.label}`, vips),
    ];
    if (file.viaEmulator && store) {
      const remote = await throughEmulator(store, tif, { dtypes, nodata, runs }).catch((error: Error) => error);
      if (remote instanceof Error) console.warn(`GCS emulator row skipped: ${remote.message}`);
      else rows.push(row(`ours via GCS emulator: ${file.label}`, remote));
    }
    const summary = {
      file: file.label,
      'ours p50 / p95 ms': `${round(a.p50)} / ${round(a.p95)}`,
      'vips p50 / p95 ms': `${round(b.p50)} / ${round(b.p95)}`,
      'ours / vips': ratio,
      'peak RSS ours / vips MiB': `${mine.peakRssMb} / ${vips.peakRssMb}`,
    };
    const { level, large, bytesReadPerRender, rssAtStartMb } = mine;
    const about = {
      mb: Math.round(statSync(tif).size / 2 ** 20),
      writtenInS,
      level,
      large,
      bytesReadPerRender,
      rssAtStartMb,
    };
    return { rows, summary, about };
  } finally {
    rmSync(tif); // gigabytes: gone before the next file is written
  }
}

async function main() {
  if (!existsSync(VIPSTHUMBNAIL)) throw new Error(`${VIPSTHUMBNAIL} is missing: apt-get install libvips-tools`);
  const store = await emulator().catch((error: Error) => {
    console.warn(`GCS emulator rows skipped: ${error.message}`);
    return null;
  });
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-previews-'));
  try {
    // What starting vipsthumbnail costs, to read its figures by: a 64×64 file.
    const floor = vipsThumbnail(aGeoTiff({ width: 64, height: 64, bands: 3 }), path.join(out, 'floor.jpg'), RUNS.cog);
    const measured = [];
    for (const file of BENCH_FILES) measured.push({ file, ...(await measure(file, out, store)) });
    const rows = measured.flatMap((m) => m.rows);
    const cogs = measured.filter((m) => m.file.cog).map((m) => m.rows[0]);
    report('previews', rows, {
      cpus: os.cpus().length,
      node: process.version,
      vips: execFileSync(VIPSTHUMBNAIL, ['--vips-version']).toString().trim(),
      vipsProcessFloorMs: summarize('', floor.samplesMs).p50,
      cogTargetMs: COG_TARGET_MS,
      cogsWithinTarget: cogs.every((cog) => cog.p95 < COG_TARGET_MS),
      gcsEmulator: store ? stackEnv.gcsApiEndpoint : 'not running: no GCS rows',
      note:
        'ours: renderPreview (s and l) in a warm process; vipsthumbnail: l only, a process per run; ' +
        'vipsthumbnail does no percentile stretch (16-bit is cast to 8-bit, float clipped)',
      files: Object.fromEntries(measured.map((m) => [m.file.label, m.about])),
    });
    console.table(measured.map((m) => m.summary));
    console.log(`vipsthumbnail's floor (starting it on a 64×64 file): ${summarize('', floor.samplesMs).p50} ms`);
  } finally {
    if (store) await removeBucket(stackEnv.gcsApiEndpoint, GCS_BUCKET).catch(() => undefined);
    removeGeoTiffFixtures();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { readFileSync } from 'node:fs';
import { measuredRangeSource, renderPreview, type MeasuredRangeSource } from '@mi/raster';
import { fileRangeSource } from '../../libs/raster/src/geotiff/testing/file-range-source';

// One file's renders in a process of their own (started by previews.bench), so that its peak RSS
// is this file's alone. Prints one JSON line: the first (cold) render, the warm ones, peak RSS.

export interface RenderJob {
  /** A local file, or an object in the GCS emulator. */
  path?: string;
  gcs?: { apiEndpoint: string; bucket: string; key: string };
  dtypes: string[];
  nodata: number | null;
  /** Warm renders after the first. */
  runs: number;
}

export interface RenderResult {
  firstMs: number;
  samplesMs: number[];
  /** Resident memory once the modules are loaded, and the process's peak (VmHWM), in MiB. */
  rssAtStartMb: number;
  peakRssMb: number;
  level: { index: number; width: number; height: number };
  large: { width: number; height: number; format: string; bytes: number };
  bytesReadPerRender: number;
}

function procStatusMb(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))!;
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

async function sourceFor(job: RenderJob): Promise<() => Promise<MeasuredRangeSource>> {
  if (job.path) {
    const path = job.path;
    return () => fileRangeSource(path);
  }
  const { apiEndpoint, bucket, key } = job.gcs!;
  // Loaded only here: a larger heap makes every collection slower, and renders allocate a lot.
  const { blobRangeReader, GcsBlobStore } = await import('@mi/storage');
  const store = new GcsBlobStore({ bucket, apiEndpoint });
  const { size } = (await store.stat(key))!;
  // As the previews worker reads an original: by range, through the storage library.
  return async () => measuredRangeSource(blobRangeReader(store, key, size));
}

async function main() {
  const job = JSON.parse(process.argv[2]) as RenderJob;
  const rssAtStartMb = procStatusMb('VmRSS');
  const open = await sourceFor(job);
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof renderPreview>> | undefined;
  let bytesRead = 0;
  for (let run = 0; run <= job.runs; run++) {
    const source = await open();
    const t0 = performance.now();
    last = await renderPreview(source, { dtypes: job.dtypes, nodata: job.nodata });
    times.push(performance.now() - t0);
    bytesRead = source.bytesRead;
  }
  const l = last!.renditions.l;
  const result: RenderResult = {
    firstMs: times[0],
    samplesMs: times.slice(1),
    rssAtStartMb,
    peakRssMb: procStatusMb('VmHWM'),
    level: last!.level,
    large: { width: l.width, height: l.height, format: l.format, bytes: l.bytes.length },
    bytesReadPerRender: bytesRead,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

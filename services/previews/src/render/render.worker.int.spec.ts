import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MONGO_DB } from '@mi/eventstore';
import { metricsRegistry } from '@mi/platform';
import { GcsBlobStore } from '@mi/storage';
import { eventually, quietLogger, stackEnv, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { aTiffHeader } from '../../../../libs/raster/src/geotiff/testing/a-tiff-header.builder';
import { tiffBytes } from '../../../../libs/raster/src/geotiff/testing/tiff-header.builder';
import { PreviewCommands } from '../preview-commands.service';
import { PreviewsConfigSchema } from '../previews.config';
import { PreviewsModule } from '../previews.module';
import { RenderWorker } from './render.worker';

// Crafted files against the previews service as it runs (real FerretDB, Kafka and GCS emulator,
// renders in its render threads): a render that would never end, or would take the heap, fails
// alone, within its budget, while the service keeps answering and renders other images.

const TIMEOUT_MS = 3000;
const MEMORY_MB = 256;
const config = PreviewsConfigSchema.parse({
  KAFKA_BROKERS: stackEnv.kafkaBrokers.join(','),
  KAFKA_TOPIC_PREFIX: `${uniqueName('render')}.`,
  MONGO_URL: stackEnv.mongoUrl,
  MONGO_DATABASE: uniqueName('previews').replace(/-/g, '_'),
  GCS_API_ENDPOINT: stackEnv.gcsApiEndpoint,
  GCS_BUCKET: uniqueName('renditions'),
  SERVICE_TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters',
  OUTBOX_SWEEP_MS: '60000',
  RENDER_CONCURRENCY: '2',
  RENDER_TIMEOUT_MS: String(TIMEOUT_MS),
  RENDER_MEMORY_MB: String(MEMORY_MB),
  RENDER_RETRY_MS: '100',
  RENDER_POLL_MS: '200',
});
const originals = new GcsBlobStore({
  bucket: uniqueName('originals'),
  projectId: config.GCS_PROJECT_ID,
  apiEndpoint: stackEnv.gcsApiEndpoint,
});

/** A plain 256 x 256 8-bit file, pixels and all (zeros): it renders. */
function aSmallTiff(): Buffer {
  const { bytes, size } = aTiffHeader({ width: 256, height: 256, tile: 256 });
  return Buffer.concat([bytes, Buffer.alloc(size - bytes.length)]);
}

/** Tiles of 0 x 0 pixels: a block grid with no end, walked forever by the sampler. */
function aTiffWithEmptyTiles(): Buffer {
  return tiffBytes([
    { tag: 256, type: 'LONG', values: [1000] },
    { tag: 257, type: 'LONG', values: [1000] },
    { tag: 258, type: 'SHORT', values: [8] },
    { tag: 259, type: 'SHORT', values: [1] },
    { tag: 262, type: 'SHORT', values: [1] },
    { tag: 277, type: 'SHORT', values: [1] },
    { tag: 322, type: 'SHORT', values: [0] },
    { tag: 323, type: 'SHORT', values: [0] },
    { tag: 324, type: 'LONG', values: [64] },
    { tag: 325, type: 'LONG', values: [0] },
  ]);
}

/** Nine million one-pixel tiles in a 300-byte file: a block read for each sampled pixel. */
function aTiffOfOnePixelTiles(): Buffer {
  return aTiffHeader({ width: 3000, height: 3000, tile: 1 }).bytes;
}

describe('RenderWorker with render threads, on FerretDB, Kafka and the GCS emulator', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    await originals.ensureBucket();
    const moduleRef = await Test.createTestingModule({
      imports: [PreviewsModule.forRoot(config, quietLogger)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.get<Db>(MONGO_DB).dropDatabase();
    await app?.close();
    await originals.deletePrefix('images/');
  });

  /** Stores the file as an original and asks for its previews, as catalog.ImageAccepted does. */
  async function requestPreviews(bytes: Buffer): Promise<string> {
    const imageId = randomUUID();
    const key = `images/${imageId}.tif`;
    await originals.write(key, Readable.from([bytes]));
    await app.get(PreviewCommands).execute({
      type: 'RequestPreview',
      ref: { imageId, mosaicId: randomUUID(), ownerId: 'alice@example.com' },
      source: { storageUri: originals.uri(key), fileSize: bytes.length, dtypes: ['uint8'], nodata: null },
      at: new Date().toISOString(),
    });
    app.get(RenderWorker).wake();
    return imageId;
  }

  const settled = (imageId: string, timeoutMs: number) =>
    eventually(
      async () => {
        const state = await app.get(PreviewCommands).state(imageId);
        return state.status === 'ready' || state.status === 'failed' ? state : null;
      },
      timeoutMs,
      50,
    );

  /** The longest the event loop went without running a timer, and /health/live's slowest answer. */
  let stopWatching: (() => Promise<unknown>) | undefined;
  afterEach(() => stopWatching?.());
  function watchResponsiveness() {
    let last = performance.now();
    let longestGapMs = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 20);
    const health = { answers: 0, failures: 0, slowestMs: 0 };
    let watching = true;
    const probing = (async () => {
      while (watching) {
        const started = performance.now();
        const response = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
        if (response?.ok) health.answers++;
        else health.failures++;
        health.slowestMs = Math.max(health.slowestMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    stopWatching = async () => {
      watching = false;
      clearInterval(tick);
      await probing;
      return { longestGapMs, ...health };
    };
    return stopWatching as () => Promise<{ longestGapMs: number } & typeof health>;
  }

  it('a render that would never end fails at its time budget, while the service answers and renders another image', async () => {
    const watched = watchResponsiveness();
    const started = performance.now();
    const endless = await requestPreviews(aTiffWithEmptyTiles());
    const plain = await requestPreviews(aSmallTiff());

    expect((await settled(plain, 20_000)).status).toBe('ready');
    const failed = await settled(endless, 20_000);
    const elapsedMs = performance.now() - started;
    const { longestGapMs, slowestMs, answers, failures } = await watched();

    expect(failed).toMatchObject({
      status: 'failed',
      failure: { reason: `render exceeded ${TIMEOUT_MS} ms`, attempts: 1 }, // not retried: it would overrun again
    });
    // The budget, plus starting a thread that compiles its modules from source (jest).
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 10_000);
    expect({ answers: answers > 5, failures }).toEqual({ answers: true, failures: 0 });
    expect(slowestMs).toBeLessThan(1000);
    expect(longestGapMs).toBeLessThan(1000);
    // Metrics are served on a port of their own, which a test module does not open: read the registry.
    const metrics = await metricsRegistry.metrics();
    expect(metrics).toMatch(/mi_preview_renders_total\{outcome="timeout"[^}]*\} 1/);
  });

  it('a render that outgrows its heap fails alone, and the next render works', async () => {
    const watched = watchResponsiveness();
    const greedy = await requestPreviews(aTiffOfOnePixelTiles());

    expect(await settled(greedy, 30_000)).toMatchObject({
      status: 'failed',
      failure: { reason: `render exceeded ${MEMORY_MB} MB of memory`, attempts: 1 },
    });
    const next = await requestPreviews(aSmallTiff());
    const rendered = await settled(next, 20_000);
    const { longestGapMs } = await watched();

    expect(rendered.status).toBe('ready');
    expect(rendered.rendered?.renditions.l).toMatchObject({ width: 256, height: 256, format: 'jpeg' });
    expect(longestGapMs).toBeLessThan(1000);
  });
});

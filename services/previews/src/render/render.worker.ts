import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER } from '@mi/eventstore';
import { counter, gauge, histogram, runInContext } from '@mi/platform';
import { PREVIEW_SIZES, type PreviewSize, type RenderedPreview } from '@mi/raster';
import { BLOB_STORE, type BlobStore } from '@mi/storage';
import type { Logger } from 'pino';
import { PreviewGone } from '../domain/preview.errors';
import type { Preview } from '../domain/preview.decider';
import { PreviewCommands } from '../preview-commands.service';
import { PREVIEWS_CONFIG, type PreviewsConfig } from '../previews.config';
import { RenderQueue } from './render-queue.repository';
import { RenderBudgetExceeded, RenderThreadPool } from './render-thread.pool';

const renders = counter('mi_preview_renders_total', 'Preview renders by outcome', ['outcome']);
const renderSeconds = histogram(
  'mi_preview_render_seconds',
  'Time to render and store both previews',
  [],
  [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
);

const queued = gauge('mi_preview_queue_depth', 'Renders waiting or running (all replicas)', []);

/** Where an image's renditions live in the previews bucket: one prefix, deleted as one. */
const prefixOf = (imageId: string) => `images/${imageId}/`;

/**
 * Takes due renders from the queue (RENDER_CONCURRENCY at a time), renders both sizes from the
 * original by range reads in a render thread (off this event loop, within a time and memory
 * budget), stores them, and records the outcome. A failing render is retried with a growing
 * wait; after RENDER_MAX_ATTEMPTS it is recorded as failed with its reason, and the image stays
 * usable. A new request wakes the worker at once; otherwise it polls.
 */
@Injectable()
export class RenderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(RenderQueue) private readonly queue: RenderQueue,
    @Inject(PreviewCommands) private readonly commands: PreviewCommands,
    @Inject(BLOB_STORE) private readonly renditions: BlobStore,
    @Inject(RenderThreadPool) private readonly threads: RenderThreadPool,
    @Inject(PREVIEWS_CONFIG) private readonly config: PreviewsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.wake();
      this.queue.depth().then(
        (depth) => queued.set(depth),
        () => undefined,
      );
    }, this.config.RENDER_POLL_MS);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // A render cut off here is claimed again when its lease ends.
    await Promise.allSettled([...this.inFlight]);
    await this.threads.close();
  }

  /** Starts a render when a slot is free; a render that found work frees its slot by looking again. */
  wake(): void {
    if (this.stopped || this.running >= this.config.RENDER_CONCURRENCY) return;
    this.running++;
    const next = this.takeOne()
      .catch((err) => {
        this.logger.warn({ err }, 'render attempt broke off; its lease will bring it back');
        return false;
      })
      .then((took) => {
        this.running--;
        if (took) this.wake();
      });
    this.inFlight.add(next);
    void next.finally(() => this.inFlight.delete(next));
  }

  async removeRenditions(imageId: string): Promise<void> {
    await this.renditions.deletePrefix(prefixOf(imageId));
  }

  /** Claims and runs one render; false when nothing was due. */
  private async takeOne(): Promise<boolean> {
    const claim = await this.queue.claim(this.config.RENDER_LEASE_MS);
    if (!claim) return false;
    const state = await this.commands.state(claim.imageId);
    if (state.status !== 'pending') {
      await this.queue.done(claim.imageId);
      return true;
    }
    await runInContext({ correlationId: claim.imageId, causationId: null, actor: 'previews' }, () =>
      this.render(claim.imageId, claim.attempt, state),
    );
    return true;
  }

  private async render(imageId: string, attempt: number, state: Preview): Promise<void> {
    const started = performance.now();
    const log = this.logger.child({ imageId, attempt });
    let rendered: RenderedPreview;
    try {
      const { storageUri, fileSize, dtypes, nodata } = state.source!;
      rendered = await this.threads.render({ storageUri, fileSize, dtypes, nodata });
    } catch (error) {
      return this.failed(imageId, attempt, error instanceof Error ? error : new Error(String(error)), log);
    }
    const renditions = await this.store(imageId, rendered);
    const renderMs = Math.round(performance.now() - started);
    const { renditions: _, stretch, ...about } = rendered;
    // Objects, not pairs: MongoDB (FerretDB) stores no nested arrays.
    const stretchObjects = stretch?.map(([low, high]) => ({ low, high })) ?? null;
    try {
      await this.commands.execute({
        type: 'RecordRendered',
        imageId,
        rendered: { ...about, stretch: stretchObjects, renditions, renderMs },
        at: new Date().toISOString(),
      });
    } catch (error) {
      if (!(error instanceof PreviewGone)) throw error;
      await this.removeRenditions(imageId); // the image went while we rendered
      await this.queue.done(imageId);
      renders.inc({ outcome: 'discarded' });
      return;
    }
    renders.inc({ outcome: 'ready' });
    renderSeconds.observe(renderMs / 1000);
    log.info({ renderMs, level: rendered.level, bands: rendered.bands }, 'previews rendered');
  }

  private async store(imageId: string, rendered: RenderedPreview) {
    const entries = await Promise.all(
      (Object.keys(PREVIEW_SIZES) as PreviewSize[]).map(async (size) => {
        const { bytes, format, width, height } = rendered.renditions[size];
        const etag = `"${createHash('sha1').update(bytes).digest('hex')}"`;
        const key = `${prefixOf(imageId)}${size}.${format === 'png' ? 'png' : 'jpg'}`;
        await this.renditions.write(key, Readable.from([bytes]), {
          contentType: `image/${format}`,
          metadata: { etag },
        });
        return [size, { uri: this.renditions.uri(key), format, width, height, bytes: bytes.length, etag }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<PreviewSize, (typeof entries)[number][1]>;
  }

  private async failed(imageId: string, attempt: number, error: Error, log: Logger): Promise<void> {
    // Over its time or memory budget, a render fails at once: its cost follows from the file's
    // header alone, so another attempt would overrun again, holding a render slot (and a core)
    // for a whole budget each time while other images wait. Real files take a fraction of it.
    const overBudget = error instanceof RenderBudgetExceeded;
    if (!overBudget && attempt < this.config.RENDER_MAX_ATTEMPTS) {
      log.warn({ err: error }, 'render failed; will retry');
      renders.inc({ outcome: 'retry' });
      await this.queue.retryLater(imageId, this.config.RENDER_RETRY_MS * attempt);
      return;
    }
    log.warn({ err: error }, overBudget ? 'render over its budget: failed' : 'render failed for good');
    renders.inc({ outcome: overBudget ? (error.budget === 'time' ? 'timeout' : 'out-of-memory') : 'failed' });
    await this.commands.execute({
      type: 'RecordFailure',
      imageId,
      reason: error.message.slice(0, 500) || error.name,
      attempts: attempt,
      at: new Date().toISOString(),
    });
  }
}

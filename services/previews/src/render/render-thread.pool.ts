import path from 'node:path';
import { Worker } from 'node:worker_threads';
// Loaded in the main thread before any render thread: on glibc, a thread that exits would
// otherwise unload libvips while another thread still uses it (sharp's docs, "Worker threads").
import 'sharp';
import type { RenderedPreview, Rendition } from '@mi/raster';
import type { OriginalsConfig } from '../infra/originals';

/** What a render thread is asked: the original and the validated metadata the renderer needs. */
export interface RenderJob {
  storageUri: string;
  fileSize: number;
  dtypes: string[];
  nodata: number | null;
}
export interface ThreadData {
  gcs: OriginalsConfig;
}
export type ThreadReply =
  { ready: true } | { rendered: RenderedPreview } | { error: { name: string; message: string; stack?: string } };

export interface RenderThreadOptions {
  threads: number;
  timeoutMs: number;
  /** Heap limit of each thread, young generation included. */
  memoryMb: number;
  gcs: OriginalsConfig;
}

/** A render stopped for taking more time or memory than allowed: the same file would do it again. */
export class RenderBudgetExceeded extends Error {
  override readonly name = 'RenderBudgetExceeded';
  constructor(
    readonly budget: 'time' | 'memory',
    message: string,
  ) {
    super(message);
  }
}

type Outcome = { rendered: RenderedPreview } | { error: Error; threadLost: boolean };

/**
 * Renders in worker threads, at most `threads` alive at once, so that no file, however crafted,
 * holds the service's event loop: a render past its time budget has its thread terminated, one
 * past its heap limit loses its thread to V8, and either fails alone; a fresh thread takes the
 * next render. Threads are started when needed and kept for the renders after.
 */
export class RenderThreadPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: { resolve: (thread: Worker) => void; reject: (error: Error) => void }[] = [];
  /** What a thread reported before it exited: its exit alone does not say why. */
  private readonly lastError = new WeakMap<Worker, Error>();
  private live = 0;
  private closed = false;

  constructor(private readonly options: RenderThreadOptions) {}

  async render(job: RenderJob): Promise<RenderedPreview> {
    const thread = await this.take();
    const outcome = await this.run(thread, job);
    if (!('error' in outcome)) {
      this.release(thread);
      return revived(outcome.rendered);
    }
    if (outcome.threadLost) void thread.terminate();
    else this.release(thread);
    throw outcome.error;
  }

  /** Stops every thread; call once no render is running (one cut off here is reported failed). */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('render threads closed'));
    await Promise.all(this.idle.splice(0).map((thread) => thread.terminate()));
  }

  private take(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('render threads closed'));
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    const waiter = new Promise<Worker>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (this.live < this.options.threads) this.start();
    return waiter;
  }

  private release(thread: Worker): void {
    if (this.closed) return void thread.terminate();
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(thread);
    else this.idle.push(thread);
  }

  /** A new thread joins the pool once its modules are loaded; `live` counts it until it has exited. */
  private start(): void {
    const { memoryMb, timeoutMs, gcs } = this.options;
    const young = Math.round(memoryMb / 8); // V8's share for short-lived objects: renders make many
    const entry = threadEntry();
    const thread = new Worker(entry.filename, {
      eval: entry.eval,
      workerData: { gcs } satisfies ThreadData,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb - young, maxYoungGenerationSizeMb: young },
    });
    thread.unref(); // an idle pool never keeps the process alive
    this.live++;
    let ready = false;
    // Bounded too: a thread that cannot load its modules in a render's budget will not render.
    const starting = setTimeout(() => void thread.terminate(), timeoutMs);
    thread.once('message', () => {
      ready = true;
      clearTimeout(starting);
      this.release(thread);
    });
    // Always listened to: an 'error' nobody listens for would be thrown in the main thread.
    thread.on('error', (error) => this.lastError.set(thread, error));
    thread.once('exit', (code) => {
      clearTimeout(starting);
      this.live--;
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
      if (!ready) {
        const why = this.lastError.get(thread)?.message ?? `exit code ${code}`;
        this.waiting.shift()?.reject(new Error(`render thread did not start: ${why}`));
      } else if (this.waiting.length > 0 && !this.closed) this.start();
    });
  }

  private run(thread: Worker, job: RenderJob): Promise<Outcome> {
    const { timeoutMs, memoryMb } = this.options;
    return new Promise((resolve) => {
      const finish = (outcome: Outcome) => {
        clearTimeout(budget);
        thread.off('message', onMessage).off('exit', onExit);
        resolve(outcome);
      };
      const budget = setTimeout(() => {
        finish({ error: new RenderBudgetExceeded('time', `render exceeded ${timeoutMs} ms`), threadLost: true });
      }, timeoutMs);
      const onMessage = (reply: ThreadReply) => {
        if ('rendered' in reply) finish({ rendered: reply.rendered });
        else if ('error' in reply) finish({ error: Object.assign(new Error(), reply.error), threadLost: false });
      };
      const onExit = (code: number) => {
        const error = this.lastError.get(thread) as (Error & { code?: string }) | undefined;
        finish({
          error:
            error?.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new RenderBudgetExceeded('memory', `render exceeded ${memoryMb} MB of memory`)
              : new Error(`render thread stopped (${error?.message ?? `exit code ${code}`})`),
          threadLost: true,
        });
      };
      thread.on('message', onMessage).on('exit', onExit);
      thread.postMessage(job satisfies RenderJob);
    });
  }
}

/** Buffers cross threads as plain Uint8Arrays (structured clone): the same bytes, as Buffers again. */
function revived(rendered: RenderedPreview): RenderedPreview {
  const asBuffer = ({ bytes, ...rest }: Rendition): Rendition => ({
    ...rest,
    bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
  return { ...rendered, renditions: { s: asBuffer(rendered.renditions.s), l: asBuffer(rendered.renditions.l) } };
}

/**
 * The thread's entry, next to this file and loaded as this file was: compiled `.js` in dist/,
 * or TypeScript source under jest. Jest compiles into its own module registry, which a thread
 * does not share, so from source the thread compiles each `.ts` file it loads with swc and the
 * repository's `.swcrc` (found from the file), as jest and the build do.
 */
function threadEntry(): { filename: string; eval: boolean } {
  const entry = path.join(__dirname, `render.thread${path.extname(__filename)}`);
  if (entry.endsWith('.js')) return { filename: entry, eval: false };
  return {
    eval: true,
    filename: `
      const { readFileSync } = require('node:fs');
      const { transformSync } = require(${JSON.stringify(require.resolve('@swc/core'))});
      require.extensions['.ts'] = (module, filename) =>
        module._compile(transformSync(readFileSync(filename, 'utf8'), { filename }).code, filename);
      require(${JSON.stringify(entry)});`,
  };
}

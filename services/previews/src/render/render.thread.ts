import { parentPort, workerData } from 'node:worker_threads';
import { renderPreview } from '@mi/raster';
import { blobRangeReader } from '@mi/storage';
import { Originals } from '../infra/originals';
import type { RenderJob, ThreadData, ThreadReply } from './render-thread.pool';

// The body of one render thread (started by RenderThreadPool): renders one job at a time and
// answers with the previews or the failure. The original is read by this thread's own GCS
// client, so neither its bytes nor the many range reads of a large file touch the service's
// event loop, and a thread that is terminated takes its half-done reads with it.

const port = parentPort!;
const originals = new Originals((workerData as ThreadData).gcs);

port.on('message', (job: RenderJob) => {
  void render(job).then((reply) => port.postMessage(reply));
});
// Modules are loaded: the pool starts a render's clock only from here.
port.postMessage({ ready: true } satisfies ThreadReply);

async function render(job: RenderJob): Promise<ThreadReply> {
  try {
    const { store, key } = originals.at(job.storageUri);
    const rendered = await renderPreview(blobRangeReader(store, key, job.fileSize), {
      dtypes: job.dtypes,
      nodata: job.nodata,
    });
    return { rendered };
  } catch (error) {
    // Decoders throw strings too (pako: "buffer error"): every failure gets a readable reason.
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    return { error: { name, message, stack } };
  }
}

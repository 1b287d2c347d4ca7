import { PassThrough, type Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { PlanCatalog } from '@mi/platform';
import type { BlobStore } from '@mi/storage';
import type { Logger } from 'pino';
import type { UploadCommands } from './upload-commands.service';
import { UploadPipeline, type IncomingUpload } from './upload-pipeline.service';

const upload: IncomingUpload = {
  uploadId: '0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a10',
  ownerId: 'alice@example.com',
  plan: 'free',
  mosaicId: '0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a11',
  filename: 'field.tif',
  declaredBytes: 3,
};
const plans = {
  plans: [{ id: 'free', storageLimitBytes: 1e9, maxFileSizeBytes: 1e9, maxPixelsPerSide: 1e5 }],
  planIds: ['free'],
  defaultPlan: 'free',
} as unknown as PlanCatalog;
const storageDown = () => new Error('connect ECONNREFUSED 127.0.0.1:4443');

/** A pipeline over fakes: `write` and `remove` say what storage does; the commands run are recorded. */
function pipelineWith(write: (source: Readable) => Promise<never>, remove: () => Promise<void>) {
  const executed: { type: string; code?: string }[] = [];
  const commands = { execute: async (_id: string, command: { type: string }) => void executed.push(command) };
  const blobs = { write: (_key: string, source: Readable) => write(source), delete: remove } as unknown as BlobStore;
  const logger = { warn: () => undefined } as unknown as Logger;
  return { pipeline: new UploadPipeline(commands as unknown as UploadCommands, blobs, plans, logger), executed };
}

describe('UploadPipeline when storage fails under an upload', () => {
  // GCS down: the write failed, then so did the delete after it, and ingest answered 500 with
  // the upload left open; had the delete worked, the file was refused as UploadAborted (a 400).
  it('ends the upload as StorageUnavailable, no fault of the file, when its bytes can be deleted', async () => {
    const { pipeline, executed } = pipelineWith(
      () => Promise.reject(storageDown()),
      () => Promise.resolve(),
    );

    const outcome = await pipeline.receive(upload, new PassThrough().end('II*'));

    expect(outcome).toEqual({
      status: 'REJECTED',
      uploadId: upload.uploadId,
      code: 'StorageUnavailable',
      parameters: { service: 'storage' },
    });
    expect(executed.map((c) => [c.type, c.code])).toEqual([
      ['StartUpload', undefined],
      ['RejectUpload', 'StorageUnavailable'],
    ]);
  });

  it('answers StorageUnavailable and leaves the upload to the sweep when storage cannot even delete', async () => {
    const { pipeline, executed } = pipelineWith(
      () => Promise.reject(storageDown()),
      () => Promise.reject(storageDown()),
    );

    await expect(pipeline.receive(upload, new PassThrough().end('II*'))).resolves.toMatchObject({
      status: 'REJECTED',
      code: 'StorageUnavailable',
    });
    expect(executed.map((c) => c.type)).toEqual(['StartUpload']);
  });

  it('still ends an upload whose body was cut as UploadAborted', async () => {
    const body = new PassThrough();
    const { pipeline, executed } = pipelineWith(
      async (source) => {
        await text(source);
        throw new Error('unreachable: the body never ends');
      },
      () => Promise.resolve(),
    );

    const outcome = pipeline.receive(upload, body);
    body.write('II*');
    setImmediate(() => body.destroy(new Error('aborted')));

    await expect(outcome).resolves.toMatchObject({ status: 'REJECTED', code: 'UploadAborted' });
    expect(executed.map((c) => [c.type, c.code])).toEqual([
      ['StartUpload', undefined],
      ['RejectUpload', 'UploadAborted'],
    ]);
  });
});

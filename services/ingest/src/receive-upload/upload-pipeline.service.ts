import { Inject, Injectable } from '@nestjs/common';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, type ImageValidated } from '@mi/contracts';
import { PLAN_CATALOG, type PlanCatalog } from '@mi/platform';
import { validateGeoTiff } from '@mi/raster';
import { BLOB_STORE, blobRangeReader, type BlobStore } from '@mi/storage';
import type { Logger } from 'pino';
import { LOGGER } from '@mi/eventstore';
import { ByteMeter, SizeLimitExceeded } from './byte-meter';
import { UploadCommands } from './upload-commands.service';

export interface IncomingUpload {
  /** Chosen by the gateway: also the quota reservation's id and, once accepted, the image's. */
  uploadId: string;
  ownerId: string;
  plan: string;
  mosaicId: string;
  filename: string;
  /** What the client announced (Content-Length), if anything: reported in FileTooBig. */
  declaredBytes: number | null;
}

/** What ingest learnt of a valid file: enough for the gateway to describe it while the catalog decides. */
export type ValidatedImage = Pick<
  ImageValidated['data'],
  'storageUri' | 'fileSize' | 'checksum' | 'metadata' | 'footprint' | 'filename' | 'mosaicId'
>;

export type UploadOutcome =
  | { status: 'VALIDATED'; uploadId: string; image: ValidatedImage }
  | { status: 'REJECTED'; uploadId: string; code: string; parameters: Record<string, unknown> };

/** An upload's end when storage failed under it: no fault of the file, the client may retry. */
export const STORAGE_UNAVAILABLE = 'StorageUnavailable';

/** The blob key of an upload; the upload id is also the image id. */
export const keyOf = (uploadId: string) => `images/${uploadId}`;

/**
 * Steps 2–3 of the upload saga (DESIGN.md §2): stream into storage while counting and hashing,
 * stop at the plan's size, then validate from the stored object's header by range reads. Every
 * step is an event; every rejection deletes the blob, so a refused upload leaves nothing.
 */
@Injectable()
export class UploadPipeline {
  constructor(
    @Inject(UploadCommands) private readonly commands: UploadCommands,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(PLAN_CATALOG) private readonly plans: PlanCatalog,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private planOf(id: string) {
    return this.plans.plans.find((p) => p.id === id) ?? this.plans.plans.find((p) => p.id === this.plans.defaultPlan)!;
  }

  async receive(upload: IncomingUpload, body: Readable): Promise<UploadOutcome> {
    const { uploadId, ownerId, mosaicId, filename, declaredBytes } = upload;
    const key = keyOf(uploadId);
    const plan = this.planOf(upload.plan);
    await this.commands.execute(
      uploadId,
      { type: 'StartUpload', uploadId, mosaicId, ownerId, filename, source: 'upload', declaredBytes, now: new Date() },
      ownerId,
    );

    const meter = new ByteMeter(plan.maxFileSizeBytes);
    let bodyFailed = false;
    body.on('error', (error) => {
      bodyFailed = true;
      meter.destroy(error);
    });
    try {
      await this.blobs.write(key, body.pipe(meter), { contentType: 'image/tiff', metadata: { filename, ownerId } });
    } catch (error) {
      if (!bodyFailed && !(error instanceof SizeLimitExceeded)) return this.storageFailed(upload, error);
      await this.blobs.delete(key);
      if (error instanceof SizeLimitExceeded) {
        const actual = Math.max(declaredBytes ?? 0, meter.bytes);
        return this.reject(
          upload,
          uploadId,
          'FileTooBig',
          { max_file_size: plan.maxFileSizeBytes, actual_file_size: actual },
          null,
        );
      }
      this.logger.warn({ err: error, uploadId }, 'upload cut off before the end');
      return this.reject(upload, uploadId, 'UploadAborted', { filename }, meter.bytes);
    }
    return this.validateStored(upload, uploadId, meter.bytes, meter.digest(), plan.maxPixelsPerSide);
  }

  /**
   * Storage failed, not the file nor its client: the answer is StorageUnavailable (the gateway
   * tells the client to come back), never a rejection of the file. The upload ends now if what
   * it may have left can be deleted; with storage still down, the stale-upload sweep deletes and
   * ends it once storage answers again. (Deleting first: an ended upload is never swept.)
   */
  private async storageFailed(upload: IncomingUpload, error: unknown): Promise<UploadOutcome> {
    const { uploadId } = upload;
    this.logger.warn({ err: error, uploadId }, 'storage failed while an upload streamed into it');
    const parameters = { service: 'storage' };
    const cleaned = await this.blobs.delete(keyOf(uploadId)).then(
      () => true,
      () => false,
    );
    if (cleaned) return this.reject(upload, uploadId, STORAGE_UNAVAILABLE, parameters, null);
    return { status: 'REJECTED', uploadId, code: STORAGE_UNAVAILABLE, parameters };
  }

  /** A server-side copy of `sourceUri` (no bytes through us), hashed by streaming, then the same checks. */
  async link(upload: IncomingUpload, sourceUri: string): Promise<UploadOutcome> {
    const { uploadId, ownerId, mosaicId, filename } = upload;
    const key = keyOf(uploadId);
    const plan = this.planOf(upload.plan);
    const start = { type: 'StartUpload' as const, uploadId, mosaicId, ownerId, filename, source: 'link' as const };
    await this.commands.execute(uploadId, { ...start, declaredBytes: null, now: new Date() }, ownerId);
    let bytes: number;
    try {
      bytes = (await this.blobs.copyFrom(sourceUri, key, { filename, ownerId })).bytes;
    } catch (error) {
      this.logger.warn({ err: error, sourceUri }, 'linked object could not be copied');
      return this.reject(upload, uploadId, 'FileOpenError', { filename }, null);
    }
    if (bytes > plan.maxFileSizeBytes) {
      await this.blobs.delete(key);
      const parameters = { max_file_size: plan.maxFileSizeBytes, actual_file_size: bytes };
      return this.reject(upload, uploadId, 'FileTooBig', parameters, bytes);
    }
    const meter = new ByteMeter(Number.MAX_SAFE_INTEGER);
    await pipeline(this.blobs.createReadStream(key), meter, new Writable({ write: (_c, _e, done) => done() }));
    return this.validateStored(upload, uploadId, bytes, meter.digest(), plan.maxPixelsPerSide);
  }

  /** Validates an object already in storage (an upload just written, or a linked copy). */
  async validateStored(
    upload: IncomingUpload,
    uploadId: string,
    fileSize: number,
    checksum: string,
    maxPixelsPerSide: number,
  ): Promise<UploadOutcome> {
    const key = keyOf(uploadId);
    const storageUri = this.blobs.uri(key);
    await this.commands.execute(
      uploadId,
      { type: 'RecordStored', storageUri, fileSize, checksum, now: new Date() },
      upload.ownerId,
    );
    try {
      const raster = await validateGeoTiff(blobRangeReader(this.blobs, key, fileSize), {
        filename: upload.filename,
        fileSize,
        maxPixelsPerSide,
      });
      const { metadata, footprint } = raster;
      await this.commands.execute(
        uploadId,
        { type: 'RecordValidated', metadata, footprint, now: new Date() },
        upload.ownerId,
      );
      const image = {
        storageUri,
        fileSize,
        checksum,
        metadata,
        footprint,
        filename: upload.filename,
        mosaicId: upload.mosaicId,
      };
      return { status: 'VALIDATED', uploadId, image };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.blobs.delete(key);
      return this.reject(upload, uploadId, error.code, error.parameters, fileSize);
    }
  }

  private async reject(
    upload: IncomingUpload,
    uploadId: string,
    code: string,
    parameters: Record<string, unknown>,
    fileSize: number | null,
  ): Promise<UploadOutcome> {
    await this.commands.execute(
      uploadId,
      { type: 'RejectUpload', code, parameters, fileSize, now: new Date() },
      upload.ownerId,
    );
    return { status: 'REJECTED', uploadId, code, parameters };
  }
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER } from '@mi/eventstore';
import { BLOB_STORE, type BlobStore } from '@mi/storage';
import type { Logger } from 'pino';
import { INGEST_CONFIG, type IngestConfig } from '../ingest.config';
import { keyOf } from '../receive-upload/upload-pipeline.service';
import { UploadCommands } from '../receive-upload/upload-commands.service';
import { UploadsRepository } from './uploads.repository';

/**
 * An upload whose process died mid-way stays STARTED or STORED forever: this sweep ends it as
 * UploadAborted and deletes whatever bytes it left, so a crash leaves nothing behind either.
 */
@Injectable()
export class StaleUploadsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(UploadsRepository) private readonly uploads: UploadsRepository,
    @Inject(UploadCommands) private readonly commands: UploadCommands,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async sweep(now = new Date()): Promise<number> {
    const stale = await this.uploads.unfinishedSince(new Date(now.getTime() - this.config.STALE_UPLOAD_MS));
    for (const upload of stale) {
      await this.blobs.delete(keyOf(upload._id));
      const reject = { type: 'RejectUpload' as const, code: 'UploadAborted', parameters: {}, fileSize: null, now };
      await this.commands.execute(upload._id, reject, 'ingest-sweep');
    }
    if (stale.length > 0) this.logger.info({ uploads: stale.length }, 'ended uploads cut off by a crash');
    return stale.length;
  }

  onApplicationBootstrap(): void {
    const every = Math.max(10_000, Math.floor(this.config.STALE_UPLOAD_MS / 3));
    this.timer = setInterval(
      () => void this.sweep().catch((err) => this.logger.warn({ err }, 'upload sweep failed')),
      every,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Envelope, IngestEvent } from '@mi/contracts';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';

/** Where each upload stands; the sweep looks here for uploads a crash cut off. */
export interface UploadView {
  _id: string;
  ownerId: string;
  mosaicId: string;
  status: 'STARTED' | 'STORED' | 'VALIDATED' | 'REJECTED';
  /** A rejection's code and parameters, as the client was answered. */
  detail?: { code: string; parameters: Record<string, unknown> } | null;
  updatedAt: string;
  version: number;
}

const STATUS_OF: Record<IngestEvent['type'], UploadView['status']> = {
  'ingest.UploadStarted': 'STARTED',
  'ingest.ImageStored': 'STORED',
  'ingest.ImageValidated': 'VALIDATED',
  'ingest.UploadRejected': 'REJECTED',
};

@Injectable()
export class UploadsRepository {
  private readonly uploads: Collection<UploadView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.uploads = db.collection<UploadView>('uploads_view');
  }

  async apply(envelope: Envelope): Promise<'applied' | 'skipped-duplicate' | 'ignored'> {
    const event = envelope as unknown as IngestEvent;
    const status = STATUS_OF[event.type];
    if (!status) return 'ignored';
    const { uploadId, ownerId, mosaicId } = event.data;
    return upsertIfNewer(this.uploads, {
      _id: uploadId,
      ownerId,
      mosaicId,
      status,
      detail:
        event.type === 'ingest.UploadRejected' ? { code: event.data.code, parameters: event.data.parameters } : null,
      updatedAt: envelope.occurredAt,
      version: envelope.version,
    });
  }

  /** The caller's own upload, or null (another owner's answers as missing). */
  async findOwned(ownerId: string, uploadId: string): Promise<UploadView | null> {
    const upload = await this.uploads.findOne({ _id: uploadId });
    return upload && upload.ownerId === ownerId ? upload : null;
  }

  /** Uploads still receiving or validating since before `olderThan`. */
  async unfinishedSince(olderThan: Date): Promise<UploadView[]> {
    return this.uploads
      .find({ status: { $in: ['STARTED', 'STORED'] }, updatedAt: { $lt: olderThan.toISOString() } })
      .limit(100)
      .toArray();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { CatalogEvent, Envelope } from '@mi/contracts';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';

/** How the catalog decided an upload: what the gateway waits for before it answers the client. */
export interface UploadOutcomeView {
  _id: string;
  ownerId: string;
  mosaicId: string;
  imageId: string;
  status: 'ACCEPTED' | 'REJECTED';
  /** For a rejection: API.md's code and every parameter clients format their message from. */
  detail: { code: string; parameters: Record<string, unknown> } | null;
  version: number;
}

/** Pure: the outcome row an event makes, or null when the event decides no upload. */
export function outcomeOf(envelope: Envelope): UploadOutcomeView | null {
  const event = envelope as unknown as CatalogEvent;
  if (event.type === 'catalog.ImageAccepted') {
    const { uploadId, ownerId, mosaicId, imageId } = event.data;
    return { _id: uploadId, ownerId, mosaicId, imageId, status: 'ACCEPTED', detail: null, version: envelope.version };
  }
  if (event.type === 'catalog.ImageRejected') {
    const { uploadId, ownerId, mosaicId, imageId, filename, code, parameters } = event.data;
    const full = code === 'FileValidationFailed' ? { filename, mosaic_id: mosaicId, ...parameters } : parameters;
    const detail = { code, parameters: full };
    return { _id: uploadId, ownerId, mosaicId, imageId, status: 'REJECTED', detail, version: envelope.version };
  }
  return null;
}

@Injectable()
export class UploadOutcomesRepository {
  private readonly outcomes: Collection<UploadOutcomeView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.outcomes = db.collection<UploadOutcomeView>('upload_outcomes_view');
  }

  /** The stored outcome of the upload an event decides, if stored (none for other events). */
  async touchedBy(event: Envelope): Promise<UploadOutcomeView[]> {
    const row = outcomeOf(event);
    return row ? this.outcomes.find({ _id: row._id }).toArray() : [];
  }

  /** Stores a row unless the stored one is as new or newer. Written only through CatalogViews. */
  save(row: UploadOutcomeView): Promise<'applied' | 'skipped-duplicate'> {
    return upsertIfNewer(this.outcomes, row);
  }

  async findOwned(ownerId: string, uploadId: string): Promise<UploadOutcomeView | null> {
    const row = await this.outcomes.findOne({ _id: uploadId });
    return row && row.ownerId === ownerId ? row : null;
  }

  async drop(): Promise<void> {
    await this.outcomes.drop().catch(() => undefined);
  }
}

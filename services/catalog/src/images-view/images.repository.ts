import { Inject, Injectable } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import { PENDING_PREVIEW, projectImagePreview, type ImagePreviewView } from './image-preview.view';
import { imagesTouchedBy, type ImageView } from './image.view';

/** An image row with what the previews service reported of it. */
export type ImageWithPreview = ImageView & { preview: Omit<ImagePreviewView, '_id' | 'version'> };

@Injectable()
export class ImagesRepository {
  private readonly images: Collection<ImageView>;
  /** Kept apart from images_view, whose rows are replaced whole by catalog events. */
  private readonly previews: Collection<ImagePreviewView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.images = db.collection<ImageView>('images_view');
    this.previews = db.collection<ImagePreviewView>('image_previews_view');
  }

  /**
   * Applies a previews event under its own stream's version guard. Newer-wins is gap-safe here,
   * unlike for the catalog's own streams: each previews event shown replaces the whole row (it
   * depends on no earlier one), so a missed older event loses nothing and a late one changes
   * nothing. Waiting for contiguity instead would stall every image on the events not shown.
   */
  async applyPreview(event: Envelope): Promise<'applied' | 'skipped-duplicate' | 'ignored'> {
    const row = projectImagePreview(event);
    return row ? upsertIfNewer(this.previews, row) : 'ignored';
  }

  /** The existing image rows an event of their mosaic's stream touches (see imagesTouchedBy). */
  async touchedBy(event: Envelope): Promise<ImageView[]> {
    const { imageId, mosaicId } = imagesTouchedBy(event);
    if (imageId) return this.images.find({ _id: imageId }).toArray();
    return mosaicId ? this.images.find({ mosaicId }).toArray() : [];
  }

  /** Stores a row unless the stored one is as new or newer. Written only through CatalogViews. */
  save(row: ImageView): Promise<'applied' | 'skipped-duplicate'> {
    return upsertIfNewer(this.images, row);
  }

  async listOfMosaic(mosaicId: string): Promise<ImageWithPreview[]> {
    return this.withPreviews(
      await this.images.find({ mosaicId, deleted: false }).sort({ uploadedAt: 1, _id: 1 }).toArray(),
    );
  }

  async findOwned(ownerId: string, imageId: string): Promise<ImageWithPreview | null> {
    const view = await this.images.findOne({ _id: imageId });
    return view && !view.deleted && view.ownerId === ownerId ? (await this.withPreviews([view]))[0] : null;
  }

  private async withPreviews(views: ImageView[]): Promise<ImageWithPreview[]> {
    if (views.length === 0) return [];
    const rows = await this.previews.find({ _id: { $in: views.map((v) => v._id) } }).toArray();
    const byId = new Map(rows.map(({ _id, version: _, ...preview }) => [_id, preview]));
    return views.map((view) => ({ ...view, preview: byId.get(view._id) ?? PENDING_PREVIEW }));
  }

  async drop(): Promise<void> {
    // Preview rows stay: they come from previews.events, which a catalog rebuild does not replay.
    await this.images.drop().catch(() => undefined);
  }
}

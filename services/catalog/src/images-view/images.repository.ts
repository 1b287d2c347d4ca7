import { Inject, Injectable } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import { PENDING_PREVIEW, projectImagePreview, type ImagePreviewView } from './image-preview.view';
import { imagesTouchedBy, projectImage, type ImageView } from './image.view';

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

  /** Applies a previews event (its own stream, so its own version guard). */
  async applyPreview(event: Envelope): Promise<'applied' | 'skipped-duplicate' | 'ignored'> {
    const row = projectImagePreview(event);
    return row ? upsertIfNewer(this.previews, row) : 'ignored';
  }

  async apply(event: Envelope): Promise<'applied' | 'skipped-duplicate' | 'ignored'> {
    const { imageId, mosaicId } = imagesTouchedBy(event);
    const rows = imageId
      ? [await this.images.findOne({ _id: imageId })]
      : mosaicId
        ? await this.images.find({ mosaicId }).toArray()
        : [];
    let outcome: 'applied' | 'skipped-duplicate' | 'ignored' = 'ignored';
    for (const current of rows) {
      if (current && current.version >= event.version) {
        outcome = outcome === 'applied' ? outcome : 'skipped-duplicate';
        continue;
      }
      const next = projectImage(current, event);
      if (!next || next === current) continue;
      if ((await upsertIfNewer(this.images, next)) === 'applied') outcome = 'applied';
    }
    return outcome;
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

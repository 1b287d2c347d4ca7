import { Inject, Injectable } from '@nestjs/common';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB, upsertIfNewer } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import { imagesTouchedBy, projectImage, type ImageView } from './image.view';

@Injectable()
export class ImagesRepository {
  private readonly images: Collection<ImageView>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.images = db.collection<ImageView>('images_view');
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

  async listOfMosaic(mosaicId: string): Promise<ImageView[]> {
    return this.images.find({ mosaicId, deleted: false }).sort({ uploadedAt: 1, _id: 1 }).toArray();
  }

  async findOwned(ownerId: string, imageId: string): Promise<ImageView | null> {
    const view = await this.images.findOne({ _id: imageId });
    return view && !view.deleted && view.ownerId === ownerId ? view : null;
  }

  async drop(): Promise<void> {
    await this.images.drop().catch(() => undefined);
  }
}

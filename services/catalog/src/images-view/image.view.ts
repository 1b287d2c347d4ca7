import type { CatalogEvent, Envelope, ImageAccepted } from '@mi/contracts';

/** A row of the images read model. */
export interface ImageView {
  _id: string;
  mosaicId: string;
  ownerId: string;
  filename: string;
  fileSize: number;
  checksum: string;
  storageUri: string;
  metadata: ImageAccepted['data']['metadata'];
  footprint: string;
  uploadedAt: string;
  deleted: boolean;
  /** The version of the mosaic stream this row last applied (images live in mosaic streams). */
  version: number;
}

/** Which image rows an event touches: one, or every image of a deleted mosaic. */
export function imagesTouchedBy(envelope: Envelope): { imageId?: string; mosaicId?: string } {
  const event = envelope as unknown as CatalogEvent;
  switch (event.type) {
    case 'catalog.ImageAccepted':
    case 'catalog.ImageRenamed':
    case 'catalog.ImageDeleted':
      return { imageId: event.data.imageId };
    case 'catalog.MosaicDeleted':
      return { mosaicId: event.data.mosaicId };
    default:
      return {};
  }
}

/** Folds one catalog event into an image row; pure. */
export function projectImage(view: ImageView | null, envelope: Envelope): ImageView | null {
  const event = envelope as unknown as CatalogEvent;
  const version = envelope.version;
  switch (event.type) {
    case 'catalog.ImageAccepted': {
      const { imageId, mosaicId, ownerId, filename, fileSize, checksum, storageUri, metadata, footprint } = event.data;
      return {
        _id: imageId,
        mosaicId,
        ownerId,
        filename,
        fileSize,
        checksum,
        storageUri,
        metadata,
        footprint,
        uploadedAt: event.data.acceptedAt,
        deleted: false,
        version,
      };
    }
    case 'catalog.ImageRenamed':
      return view && { ...view, filename: event.data.filename, version };
    case 'catalog.ImageDeleted':
    case 'catalog.MosaicDeleted':
      return view && { ...view, deleted: true, version };
    default:
      return view;
  }
}

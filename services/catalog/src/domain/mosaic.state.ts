import type { RasterProfile } from '@mi/raster';
import type { CatalogEvent } from '@mi/contracts';

export interface ImageEntry {
  filename: string;
  fileSize: number;
  storageUri: string;
}

/** What the Mosaic aggregate must remember to decide; everything else lives in read models. */
export interface Mosaic {
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  name: string;
  tags: string[];
  profile: RasterProfile | null;
  images: Record<string, ImageEntry>;
  /** Uploads already decided (accepted or rejected): a redelivered ImageValidated changes nothing. */
  decidedUploads: string[];
}

export type MosaicEvent = CatalogEvent;

export const initialMosaic: Mosaic = {
  exists: false,
  deleted: false,
  ownerId: null,
  name: '',
  tags: [],
  profile: null,
  images: {},
  decidedUploads: [],
};

function withoutImage(images: Record<string, ImageEntry>, imageId: string): Record<string, ImageEntry> {
  const { [imageId]: _removed, ...rest } = images;
  return rest;
}

export function evolve(state: Mosaic, event: MosaicEvent): Mosaic {
  switch (event.type) {
    case 'catalog.MosaicCreated':
      return {
        ...initialMosaic,
        exists: true,
        ownerId: event.data.ownerId,
        name: event.data.name,
        tags: event.data.tags,
      };
    case 'catalog.MosaicRenamed':
      return { ...state, name: event.data.name };
    case 'catalog.MosaicRetagged':
      return { ...state, tags: event.data.tags };
    case 'catalog.MosaicDeleted':
      return { ...state, deleted: true, images: {} };
    case 'catalog.ImageAccepted': {
      const { metadata, imageId, filename, fileSize, storageUri, uploadId } = event.data;
      return {
        ...state,
        profile: state.profile ?? { crs: metadata.crs, count: metadata.count, pixelSize: metadata.pixelSize },
        images: { ...state.images, [imageId]: { filename, fileSize, storageUri } },
        decidedUploads: [...state.decidedUploads, uploadId],
      };
    }
    case 'catalog.ImageRejected':
      return { ...state, decidedUploads: [...state.decidedUploads, event.data.uploadId] };
    case 'catalog.ImageRenamed': {
      const image = state.images[event.data.imageId];
      return {
        ...state,
        images: { ...state.images, [event.data.imageId]: { ...image, filename: event.data.filename } },
      };
    }
    case 'catalog.ImageDeleted': {
      const images = withoutImage(state.images, event.data.imageId);
      // An emptied mosaic takes any profile again: nothing left to be consistent with.
      return { ...state, images, profile: Object.keys(images).length === 0 ? null : state.profile };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${String((unknown as { type: string }).type)}`);
    }
  }
}

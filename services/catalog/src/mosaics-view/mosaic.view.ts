import type { CatalogEvent, Envelope, Mosaic as MosaicResponse } from '@mi/contracts';
import { footprintUnion } from './footprint-union';

/** A row of the mosaics read model: the API shape plus owner, image sums and the version applied. */
export interface MosaicView {
  _id: string;
  ownerId: string;
  name: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  footprint: string | null;
  /** Per image: what the mosaic's footprint and size are computed from. */
  images: Record<string, { footprint: string; fileSize: number }>;
  rasterProfile: MosaicResponse['raster_profile'];
  /** A tombstone keeps the version, so a late redelivery cannot bring a deleted mosaic back. */
  deleted: boolean;
  version: number;
}

function withImages(view: MosaicView, images: MosaicView['images'], at: string): MosaicView {
  const footprints = Object.values(images).map((i) => i.footprint);
  const rasterProfile = Object.keys(images).length === 0 ? null : view.rasterProfile;
  return { ...view, images, footprint: footprintUnion(footprints), rasterProfile, updatedAt: at };
}

/**
 * Folds one catalog event into the mosaic's row; pure, so replaying the topic rebuilds the same
 * rows. `view` is null for a mosaic not seen yet.
 */
export function projectMosaic(view: MosaicView | null, envelope: Envelope): MosaicView | null {
  const event = envelope as unknown as CatalogEvent;
  const version = envelope.version;
  if (event.type === 'catalog.MosaicCreated') {
    const { mosaicId, ownerId, name, tags, createdAt } = event.data;
    return {
      _id: mosaicId,
      ownerId,
      name,
      tags,
      createdAt,
      updatedAt: createdAt,
      footprint: null,
      images: {},
      rasterProfile: null,
      deleted: false,
      version,
    };
  }
  if (!view) return null;
  switch (event.type) {
    case 'catalog.MosaicRenamed':
      return { ...view, name: event.data.name, updatedAt: event.data.renamedAt, version };
    case 'catalog.MosaicRetagged':
      return { ...view, tags: event.data.tags, updatedAt: event.data.retaggedAt, version };
    case 'catalog.MosaicDeleted':
      return { ...view, deleted: true, images: {}, updatedAt: event.data.deletedAt, version };
    case 'catalog.ImageAccepted': {
      const { imageId, footprint, fileSize, metadata, acceptedAt } = event.data;
      const profiled = view.rasterProfile
        ? view
        : {
            ...view,
            rasterProfile: {
              crs: metadata.crs,
              count: metadata.count,
              pixel_size: metadata.pixelSize,
              dtypes: metadata.dtypes,
            },
          };
      return { ...withImages(profiled, { ...view.images, [imageId]: { footprint, fileSize } }, acceptedAt), version };
    }
    case 'catalog.ImageDeleted': {
      const { [event.data.imageId]: _gone, ...images } = view.images;
      return { ...withImages(view, images, event.data.deletedAt), version };
    }
    case 'catalog.ImageRejected':
    case 'catalog.ImageRenamed':
      return { ...view, version };
    default:
      return view;
  }
}

/** The Mosaic object of API.md, key for key. */
export function toMosaicResponse(view: MosaicView): MosaicResponse {
  const images = Object.values(view.images);
  return {
    id: view._id,
    name: view.name,
    tags: view.tags,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    footprint: view.footprint,
    sizeInBytes: images.reduce((sum, i) => sum + i.fileSize, 0),
    image_count: images.length,
    rasterLayer: null,
    status: images.length > 0 ? 'READY' : 'EMPTY',
    raster_profile: view.rasterProfile,
  };
}

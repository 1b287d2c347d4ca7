import type { Envelope, Mosaic as MosaicResponse } from '@mi/contracts';

/** A row of the mosaics read model: the API shape plus owner and the stream version applied. */
export interface MosaicView {
  _id: string;
  ownerId: string;
  name: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  footprint: string | null;
  sizeInBytes: number;
  imageCount: number;
  rasterProfile: MosaicResponse['raster_profile'];
  version: number;
}

/**
 * Folds one catalog event into the view; pure, so replaying a topic rebuilds the same rows.
 * Returns null for events that do not concern mosaics.
 */
export function projectMosaic(view: MosaicView | null, event: Envelope): MosaicView | null {
  switch (event.type) {
    case 'catalog.MosaicCreated': {
      const data = event.data as { mosaicId: string; ownerId: string; name: string; tags: string[]; createdAt: string };
      return {
        _id: data.mosaicId,
        ownerId: data.ownerId,
        name: data.name,
        tags: data.tags,
        createdAt: data.createdAt,
        updatedAt: data.createdAt,
        footprint: null,
        sizeInBytes: 0,
        imageCount: 0,
        rasterProfile: null,
        version: event.version,
      };
    }
    default:
      return view;
  }
}

/** The Mosaic object of API.md, key for key. */
export function toMosaicResponse(view: MosaicView): MosaicResponse {
  return {
    id: view._id,
    name: view.name,
    tags: view.tags,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    footprint: view.footprint,
    sizeInBytes: view.sizeInBytes,
    image_count: view.imageCount,
    rasterLayer: null,
    status: view.imageCount > 0 ? 'READY' : 'EMPTY',
    raster_profile: view.rasterProfile,
  };
}

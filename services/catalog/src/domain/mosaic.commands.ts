import type { ImageAccepted } from '@mi/contracts';

interface OnMosaic {
  mosaicId: string;
  /** The caller: a mosaic answers as not found to anyone but its owner. */
  ownerId: string;
  now: Date;
}

export interface CreateMosaic extends OnMosaic {
  type: 'CreateMosaic';
  name: string;
  tags: string[];
}

export interface RenameMosaic extends OnMosaic {
  type: 'RenameMosaic';
  name: string;
}

export interface RetagMosaic extends OnMosaic {
  type: 'RetagMosaic';
  tags: string[];
}

export interface DeleteMosaic extends OnMosaic {
  type: 'DeleteMosaic';
}

/** From ingest's validation: the image is a valid GeoTIFF; does it fit this mosaic? */
export interface AttachImage extends OnMosaic {
  type: 'AttachImage';
  image: Omit<ImageAccepted['data'], 'mosaicId' | 'ownerId' | 'acceptedAt'>;
}

export interface RenameImage extends OnMosaic {
  type: 'RenameImage';
  imageId: string;
  filename: string;
}

export interface DeleteImage extends OnMosaic {
  type: 'DeleteImage';
  imageId: string;
}

export type MosaicCommand =
  CreateMosaic | RenameMosaic | RetagMosaic | DeleteMosaic | AttachImage | RenameImage | DeleteImage;

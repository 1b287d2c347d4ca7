import type { ImageStatus, MosaicStatus } from '../api/rest-types';

export const MOSAIC_STATUS: Record<MosaicStatus, string> = {
  EMPTY: 'Empty',
  READY: 'Ready',
  PROCESSING_IMAGES: 'Processing images',
};

export const IMAGE_STATUS: Record<ImageStatus, string> = {
  UPLOADING: 'Uploading',
  VALIDATING: 'Checking',
  READY: 'Ready',
  REJECTED: 'Rejected',
};

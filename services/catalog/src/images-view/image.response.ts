import { imageMetaDataOf, type Image } from '@mi/contracts';
import type { ImageWithPreview } from './images.repository';

/** The Image object of API.md; preview URLs are absolute, on the public gateway. */
export function toImageResponse(view: ImageWithPreview, publicBaseUrl: string): Image {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    id: view._id,
    mosaic_id: view.mosaicId,
    image_url: view.storageUri,
    preview_url_s: `${base}/rest/rasters/image/${view._id}/preview/s`,
    preview_url_l: `${base}/rest/rasters/image/${view._id}/preview/l`,
    uploaded_at: view.uploadedAt,
    file_size: view.fileSize,
    footprint: view.footprint,
    filename: view.filename,
    checksum: view.checksum,
    meta_data: imageMetaDataOf(view.metadata, view.preview),
    cog_link: null,
    available_for_download: true,
    status: 'READY',
    preview_status: view.preview.status,
  };
}

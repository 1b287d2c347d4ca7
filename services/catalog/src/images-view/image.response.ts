import type { Image } from '@mi/contracts';
import type { ImageWithPreview } from './images.repository';

/** The Image object of API.md; preview URLs are absolute, on the public gateway. */
export function toImageResponse(view: ImageWithPreview, publicBaseUrl: string): Image {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const { metadata } = view;
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
    meta_data: {
      crs: metadata.crs,
      count: metadata.count,
      width: metadata.width,
      height: metadata.height,
      dtypes: metadata.dtypes,
      nodata: metadata.nodata,
      pixel_size: metadata.pixelSize,
      // Ours: which bands the previews show (more than four bands show the first three).
      preview_bands: view.preview.bands,
      preview_alpha_band: view.preview.alphaBand,
    },
    cog_link: null,
    available_for_download: true,
    status: 'READY',
    preview_status: view.preview.status,
  };
}

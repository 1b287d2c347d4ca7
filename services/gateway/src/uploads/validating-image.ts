import { imageMetaDataOf, type Image } from '@mi/contracts';
import type { IngestOutcome } from '../infra/ingest.client';

/**
 * The whole Image object (clients parse every key) for an upload ingest validated but the
 * catalog has not decided within the wait: `status: VALIDATING`, previews pending.
 */
export function validatingImage(outcome: IngestOutcome, publicBaseUrl: string, filename: string): Image {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const id = outcome.uploadId;
  const image = outcome.image!;
  return {
    id,
    mosaic_id: image.mosaicId,
    image_url: image.storageUri,
    preview_url_s: `${base}/rest/rasters/image/${id}/preview/s`,
    preview_url_l: `${base}/rest/rasters/image/${id}/preview/l`,
    uploaded_at: new Date().toISOString(),
    file_size: image.fileSize,
    footprint: image.footprint,
    filename: image.filename || filename,
    checksum: image.checksum,
    meta_data: imageMetaDataOf(image.metadata, { bands: null, alphaBand: null }),
    cog_link: null,
    available_for_download: false,
    status: 'VALIDATING',
    preview_status: 'PENDING',
  };
}

import type { Image } from '../api/rest-types';
import { formatBytes } from '../format/bytes';
import { formatDateTime } from '../format/dates';
import { formatParameterValue } from '../format/parameter-value';
import { IMAGE_STATUS } from '../format/status-labels';
import { PreviewImage } from '../preview/preview-image';

interface ImageCardProps {
  image: Image;
  onOpen: (image: Image) => void;
  onDelete: (image: Image) => void;
}

/** Which bands the preview shows, as users count them (from 1); one band may be grey or a palette. */
function previewBandsText(bands: number[], alpha: number | null): string {
  const shown = bands.length === 1 ? `band ${bands[0]}` : `bands ${bands.join(', ')} as RGB`;
  return alpha ? `${shown}, band ${alpha} as alpha` : shown;
}

/** One image: its small preview (a button opening the large one), its metadata, delete. */
export function ImageCard({ image, onOpen, onDelete }: ImageCardProps) {
  const meta = image.meta_data;
  return (
    <li className="image-card" data-image-id={image.id}>
      <button type="button" className="preview-button" onClick={() => onOpen(image)}>
        <PreviewImage imageId={image.id} size="s" alt={`Preview of ${image.filename}`} />
        <span className="visually-hidden">Show the large preview of {image.filename}</span>
      </button>
      <div className="image-body">
        <h3 className="image-name" title={image.filename}>
          {image.filename}
        </h3>
        <dl className="image-meta">
          <dt>Pixels</dt>
          <dd>
            {meta.width} × {meta.height}
          </dd>
          <dt>Bands</dt>
          <dd>
            {meta.count} ({meta.dtypes.join(', ')})
          </dd>
          <dt>CRS</dt>
          <dd>{meta.crs}</dd>
          <dt>Pixel size</dt>
          <dd>{formatParameterValue(meta.pixel_size)}</dd>
          <dt>NoData</dt>
          <dd>{meta.nodata ?? 'none'}</dd>
          <dt>File</dt>
          <dd>{formatBytes(image.file_size)}</dd>
          <dt>Uploaded</dt>
          <dd>{formatDateTime(image.uploaded_at)}</dd>
          {meta.preview_bands && (
            <>
              <dt>Preview</dt>
              <dd>{previewBandsText(meta.preview_bands, meta.preview_alpha_band)}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd>{IMAGE_STATUS[image.status] ?? image.status}</dd>
        </dl>
        <button type="button" className="danger small" onClick={() => onDelete(image)}>
          Delete<span className="visually-hidden"> {image.filename}</span>
        </button>
      </div>
    </li>
  );
}

import type { Mosaic } from '../api/rest-types';
import { formatBytes } from '../format/bytes';
import { formatDateTime } from '../format/dates';
import { formatParameterValue } from '../format/parameter-value';
import { MOSAIC_STATUS } from '../format/status-labels';

/** The collection's figures and its raster profile: what every image in it must share. */
export function RasterProfileSummary({ mosaic }: { mosaic: Mosaic }) {
  const profile = mosaic.raster_profile;
  return (
    <dl className="facts">
      <div>
        <dt>Images</dt>
        <dd>{mosaic.image_count}</dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>{formatBytes(mosaic.sizeInBytes)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>{MOSAIC_STATUS[mosaic.status]}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>{formatDateTime(mosaic.created_at)}</dd>
      </div>
      {profile ? (
        <>
          <div>
            <dt>CRS</dt>
            <dd>{profile.crs}</dd>
          </div>
          <div>
            <dt>Bands</dt>
            <dd>
              {profile.count} ({profile.dtypes.join(', ')})
            </dd>
          </div>
          <div>
            <dt>Pixel size</dt>
            <dd>{formatParameterValue(profile.pixel_size)} (CRS units)</dd>
          </div>
        </>
      ) : (
        <div className="wide">
          <dt>Raster profile</dt>
          <dd>Set by the first image you upload: its CRS, band count and pixel size.</dd>
        </div>
      )}
    </dl>
  );
}

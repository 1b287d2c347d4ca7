/** GDAL's affine order: x = gt[0] + col·gt[1] + row·gt[2]; y = gt[3] + col·gt[4] + row·gt[5]. */
export type GeoTransform = readonly [number, number, number, number, number, number];

export interface ModelTags {
  pixelScale?: ArrayLike<number>;
  tiepoints?: ArrayLike<number>;
  transformation?: ArrayLike<number>;
}

/**
 * The pixel-corner geotransform GDAL derives from the model tags (GTiff driver, default options):
 * - ModelPixelScale + the first ModelTiepoint win over ModelTransformation when the scale is
 *   usable; several tiepoints without a scale are GCPs, which give no geotransform.
 * - A negative ScaleY is, contrary to the spec, read as north-up (GDAL's default, unless
 *   GTIFF_HONOUR_NEGATIVE_SCALEY): writers that set it meant the usual orientation.
 * - RasterPixelIsPoint ties model coordinates to pixel centres; GDAL shifts the origin back by
 *   half a pixel (GTIFF_POINT_GEO_IGNORE=NO) so that corners are corners, for both tag forms.
 */
export function geoTransformOf(tags: ModelTags, pixelIsPoint: boolean): GeoTransform | null {
  const gt = rawGeoTransform(tags);
  if (!gt || !gt.every(Number.isFinite)) return null;
  if (!pixelIsPoint) return gt;
  const [x0, a, b, y0, d, e] = gt;
  return [x0 - (a + b) * 0.5, a, b, y0 - (d + e) * 0.5, d, e];
}

function rawGeoTransform({ pixelScale, tiepoints, transformation }: ModelTags): GeoTransform | null {
  if (pixelScale && pixelScale.length >= 2 && pixelScale[0] !== 0 && pixelScale[1] !== 0) {
    if (!tiepoints || tiepoints.length < 6) return null;
    const [sx, sy] = [pixelScale[0], pixelScale[1]];
    const e = sy < 0 ? sy : -sy;
    return [tiepoints[3] - tiepoints[0] * sx, sx, 0, tiepoints[4] - tiepoints[1] * e, 0, e];
  }
  if (transformation && transformation.length === 16) {
    const m = transformation;
    return [m[3], m[0], m[1], m[7], m[4], m[5]];
  }
  return null;
}

export function applyGeoTransform(gt: GeoTransform, col: number, row: number): [number, number] {
  return [gt[0] + col * gt[1] + row * gt[2], gt[3] + col * gt[4] + row * gt[5]];
}

/** Ground size of one pixel along its column and row: the lengths of the transform's column vectors. */
export function pixelSizeOf(gt: GeoTransform): [number, number] {
  return [Math.hypot(gt[1], gt[4]), Math.hypot(gt[2], gt[5])];
}

/** A transform that collapses the image to a line or a point cannot place it on the ground. */
export function isDegenerate(gt: GeoTransform): boolean {
  return gt[1] * gt[5] - gt[2] * gt[4] === 0;
}

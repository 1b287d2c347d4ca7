/** What every image of one mosaic must share (DESIGN.md §1). */
export interface RasterProfile {
  crs: string;
  count: number;
  /** [x, y], positive, in CRS units. */
  pixelSize: [number, number];
}

/** The parameters of API.md's `FileValidationFailed`, naming the first thing that differs. */
export interface ProfileMismatch {
  param_name: 'crs' | 'count' | 'pixel_size';
  got_param: string | number | [number, number];
  expected_param: string | number | [number, number];
}

/**
 * Pixel sizes are floats read from TIFF tags: the same grid written by two tools can differ in
 * the last bits, while a real difference (10 cm against 1 m) is orders of magnitude larger.
 */
const PIXEL_SIZE_RELATIVE_TOLERANCE = 1e-6;

function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= PIXEL_SIZE_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Null when `got` fits `expected`; otherwise the first mismatch, in the order CRS, bands, pixel size. */
export function compareProfile(expected: RasterProfile, got: RasterProfile): ProfileMismatch | null {
  if (got.crs !== expected.crs) return { param_name: 'crs', got_param: got.crs, expected_param: expected.crs };
  if (got.count !== expected.count) {
    return { param_name: 'count', got_param: got.count, expected_param: expected.count };
  }
  if (!sameSize(got.pixelSize[0], expected.pixelSize[0]) || !sameSize(got.pixelSize[1], expected.pixelSize[1])) {
    return { param_name: 'pixel_size', got_param: got.pixelSize, expected_param: expected.pixelSize };
  }
  return null;
}

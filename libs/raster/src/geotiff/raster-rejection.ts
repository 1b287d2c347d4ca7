import { DomainError } from '@mi/contracts';

export type RasterRejectionCode = 'FileOpenError' | 'FileCheckFailed' | 'ImageTooLarge' | 'ImageOutOfBounds';

/** What a georeferenced image needs and a file may lack; named in `FileCheckFailed.bad_parameters`. */
export type RasterBadParameter = 'crs' | 'geotransform' | 'dtypes';

/**
 * Why a stored file is not an image we accept, as API.md's error table spells it: a stable code and
 * exactly the parameters listed there. The technical reason goes to the message, for logs only.
 */
export class RasterRejection extends DomainError {
  declare readonly code: RasterRejectionCode;

  private constructor(code: RasterRejectionCode, parameters: Record<string, unknown>, message: string) {
    super(code, parameters, message);
    this.name = 'RasterRejection';
  }

  /** Not a TIFF, empty, truncated, or a header no reader can make sense of. */
  static fileOpenError(filename: string, reason: string): RasterRejection {
    return new RasterRejection('FileOpenError', { filename }, `${filename}: ${reason}`);
  }

  static fileCheckFailed(filename: string, badParameters: RasterBadParameter[]): RasterRejection {
    return new RasterRejection(
      'FileCheckFailed',
      { filename, bad_parameters: badParameters },
      `${filename}: missing or unsupported ${badParameters.join(', ')}`,
    );
  }

  static imageTooLarge(filename: string, width: number, height: number, maxPixelsPerSide: number): RasterRejection {
    return new RasterRejection(
      'ImageTooLarge',
      { filename, width, height, max_pixels_per_side: maxPixelsPerSide },
      `${filename}: ${width}x${height} exceeds ${maxPixelsPerSide} pixels per side`,
    );
  }

  static imageOutOfBounds(filename: string): RasterRejection {
    return new RasterRejection('ImageOutOfBounds', { filename }, `${filename}: corners outside lon/lat range`);
  }
}

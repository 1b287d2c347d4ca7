import { describeError } from './error-message';

const message = (code: string, parameters: Record<string, unknown> = {}) => describeError({ code, parameters });

describe('the message shown for an error envelope', () => {
  it('names the profile parameter, what the file has and what the collection expects', () => {
    expect(
      message('FileValidationFailed', {
        filename: 'b.tif',
        mosaic_id: 'm',
        param_name: 'pixel_size',
        got_param: [0.0000277777778, 0.0000277777778],
        expected_param: [121.529856, 164.762688],
      }),
    ).toBe('Pixel size is 0.0000277778 × 0.0000277778, the collection expects 121.53 × 164.763.');
    expect(
      message('FileValidationFailed', { param_name: 'crs', got_param: 'EPSG:4326', expected_param: 'EPSG:32617' }),
    ).toBe('CRS is EPSG:4326, the collection expects EPSG:32617.');
    expect(message('FileValidationFailed', { param_name: 'count', got_param: 3, expected_param: 1 })).toBe(
      'Band count is 3, the collection expects 1.',
    );
  });

  it('says a file that is not a TIFF is not a GeoTIFF, by name', () => {
    expect(message('FileOpenError', { filename: 'notes.txt' })).toBe(
      'notes.txt is not a GeoTIFF: it could not be read as a TIFF image.',
    );
  });

  it('lists what a file without georeference lacks', () => {
    expect(message('FileCheckFailed', { filename: 'a.tif', bad_parameters: ['crs', 'geotransform'] })).toBe(
      'a.tif is not georeferenced: it lacks a CRS and a georeference.',
    );
  });

  it('states sizes and limits in readable units', () => {
    expect(message('FileTooBig', { max_file_size: 1073741824, actual_file_size: 1610612736 })).toBe(
      'The file is 1.5 GB; your plan allows 1 GB per file.',
    );
    expect(message('FileTooBig', { max_file_size: 1073741824, actual_file_size: null })).toBe(
      'The file is larger than your plan allows (1 GB per file).',
    );
    expect(message('MemoryLimitExceeded', { memory_requested: 5 * 1048576, available_memory: 1048576 })).toBe(
      'Not enough storage: this needs 5 MB and 1 MB is free. Delete images or collections to make room.',
    );
    expect(
      message('ImageTooLarge', { filename: 'x.tif', width: 120000, height: 500, max_pixels_per_side: 100000 }),
    ).toBe('The image is 120000 × 500 pixels; your plan allows 100000 pixels per side.');
  });

  it('tells which kind of item is gone', () => {
    expect(message('ItemNotFound', { instance_type: 'image', uid: 'x' })).toBe('This image no longer exists.');
    expect(message('ItemNotFound', { instance_type: 'mosaic', uid: 'x' })).toBe('This collection no longer exists.');
  });

  it('gives the reason a preview could not be made', () => {
    expect(message('PreviewFailed', { reason: 'unsupported data type' })).toBe(
      'No preview could be made: unsupported data type.',
    );
  });

  it('falls back to the code and its parameters for a code it does not know', () => {
    expect(message('QuotaFrozen', { plan: 'free', days: 3 })).toBe(
      'The server refused this (QuotaFrozen; plan: free, days: 3).',
    );
    expect(message('Mystery')).toBe('The server refused this (Mystery).');
  });
});

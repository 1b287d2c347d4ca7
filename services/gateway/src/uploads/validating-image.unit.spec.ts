import { ImageSchema } from '@mi/contracts';
import { validatingImage } from './validating-image';

describe('validatingImage', () => {
  it('is a whole Image object of API.md, VALIDATING, for an upload the catalog has not decided yet', () => {
    const uploadId = '0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a10';
    const image = validatingImage(
      {
        status: 'VALIDATED',
        uploadId,
        image: {
          storageUri: `gs://bucket/images/${uploadId}`,
          fileSize: 1234,
          checksum: 'ab'.repeat(20),
          metadata: {
            crs: 'EPSG:32617',
            count: 1,
            width: 10,
            height: 20,
            dtypes: ['uint8'],
            nodata: null,
            pixelSize: [1, 2],
          },
          footprint: 'POLYGON ((0 1, 1 1, 1 0, 0 0, 0 1))',
          filename: 'field.tif',
          mosaicId: '0192f0c4-7a55-7c3e-9a57-1f3b5d2e8a11',
        },
      },
      'http://gateway.example/',
      'field.tif',
    );
    // Strict: every key the clients parse, nothing else.
    expect(ImageSchema.parse(image)).toMatchObject({
      id: uploadId,
      status: 'VALIDATING',
      preview_status: 'PENDING',
      preview_url_s: `http://gateway.example/rest/rasters/image/${uploadId}/preview/s`,
      meta_data: { pixel_size: [1, 2], crs: 'EPSG:32617' },
    });
  });
});

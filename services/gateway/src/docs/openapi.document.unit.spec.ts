import { validate } from '@readme/openapi-parser';
import { buildOpenApiDocument } from './openapi.document';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument('1.2.3');

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('documents every public mosaic and image route with the error envelope', () => {
    const paths = document.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/rest/rasters/mosaic',
        '/rest/rasters/mosaic/delete',
        '/rest/rasters/mosaic/{id}',
        '/rest/rasters/mosaic/{id}/image',
        '/rest/rasters/image/{id}',
        '/rest/version',
      ]),
    );
    expect(paths['/rest/rasters/mosaic/{id}'].get.responses).toHaveProperty('404');
    expect(paths['/rest/rasters/mosaic'].post.responses).toHaveProperty('200');
    expect(paths['/rest/rasters/mosaic'].post.responses).not.toHaveProperty('201');
  });
});

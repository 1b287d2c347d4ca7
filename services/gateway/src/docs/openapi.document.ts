import {
  BulkDeleteRequestSchema,
  BulkDeleteResponseSchema,
  CatalogErrorSchema,
  CreateMosaicRequestSchema,
  ImageSchema,
  MosaicSchema,
  UpdateMosaicRequestSchema,
} from '@mi/contracts';
import { z } from 'zod';

function schema(s: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: unknown) => ({ 'application/json': { schema: s } });
const error = (description: string) => ({ description, content: json(ref('CatalogError')) });
const idParam = (name = 'id') => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });

const notFound = error('ItemNotFound {instance_type, uid}; also for another user’s ids');
const badRequest = error('BadRequest {field, reason} or a validation code of API.md');
const common = { '401': error('Unauthorized: missing or wrong token'), '429': error('TooManyRequests') };

/**
 * The OpenAPI 3.1 document of the public API, generated from the schemas the code validates
 * with, so `/rest/docs` cannot drift from what the gateway answers.
 */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'My Imagery API (Mapflow Data API compatible)',
      version,
      description:
        'Auth: `Authorization: Basic <token>` (the token verbatim, base64("<email>:<secret>")) or `Bearer <token>`. ' +
        'Every successful POST answers 200. Errors: `{"detail": {"code", "parameters"}}`.',
    },
    servers: [{ url: '/' }],
    security: [{ basic: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Mosaic: schema(MosaicSchema),
        Image: schema(ImageSchema),
        CreateMosaicRequest: schema(CreateMosaicRequestSchema),
        UpdateMosaicRequest: schema(UpdateMosaicRequestSchema),
        BulkDeleteRequest: schema(BulkDeleteRequestSchema),
        BulkDeleteResponse: schema(BulkDeleteResponseSchema),
        CatalogError: schema(CatalogErrorSchema),
      },
    },
    paths: {
      '/rest/rasters/mosaic': {
        get: {
          summary: "The caller's mosaics",
          responses: {
            '200': { description: 'Mosaic[]', content: json({ type: 'array', items: ref('Mosaic') }) },
            ...common,
          },
        },
        post: {
          summary: 'Create a mosaic',
          requestBody: { required: true, content: json(ref('CreateMosaicRequest')) },
          responses: { '200': { description: 'Mosaic', content: json(ref('Mosaic')) }, '400': badRequest, ...common },
        },
      },
      '/rest/rasters/mosaic/delete': {
        post: {
          summary: 'Delete several mosaics with their images (ours)',
          requestBody: { required: true, content: json(ref('BulkDeleteRequest')) },
          responses: {
            '200': { description: 'What was deleted, and why not the rest', content: json(ref('BulkDeleteResponse')) },
            '400': badRequest,
            ...common,
          },
        },
      },
      '/rest/rasters/mosaic/{id}': {
        parameters: [idParam()],
        get: {
          summary: 'One mosaic',
          responses: {
            '200': { description: 'Mosaic', content: json(ref('Mosaic')) },
            '400': badRequest,
            '404': notFound,
            ...common,
          },
        },
        put: {
          summary: 'Rename and/or replace tags',
          requestBody: { required: true, content: json(ref('UpdateMosaicRequest')) },
          responses: {
            '200': { description: 'Mosaic', content: json(ref('Mosaic')) },
            '400': badRequest,
            '404': notFound,
            ...common,
          },
        },
        delete: {
          summary: 'Delete a mosaic and its images',
          responses: { '204': { description: 'Deleted' }, '400': badRequest, '404': notFound, ...common },
        },
      },
      '/rest/rasters/mosaic/{id}/image': {
        parameters: [idParam()],
        get: {
          summary: 'Images of a mosaic',
          responses: {
            '200': { description: 'Image[]', content: json({ type: 'array', items: ref('Image') }) },
            '404': notFound,
            ...common,
          },
        },
      },
      '/rest/rasters/image/{id}': {
        parameters: [idParam()],
        get: {
          summary: 'One image',
          responses: { '200': { description: 'Image', content: json(ref('Image')) }, '404': notFound, ...common },
        },
        put: {
          summary: 'Rename an image (query only, no body)',
          parameters: [{ name: 'name', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'Image', content: json(ref('Image')) },
            '400': badRequest,
            '404': notFound,
            ...common,
          },
        },
        delete: {
          summary: 'Delete an image',
          responses: { '204': { description: 'Deleted' }, '404': notFound, ...common },
        },
      },
      '/rest/rasters/image/{id}/preview/{size}': {
        parameters: [
          idParam(),
          { name: 'size', in: 'path', required: true, schema: { type: 'string', enum: ['s', 'l'] } },
        ],
        get: {
          summary: 'A preview: `s` fits 256 px, `l` fits 1024 px, aspect kept, exactly the image extent',
          description:
            'PNG when the image has transparency (nodata, NaN or an alpha band), else JPEG. 8-bit bands are shown ' +
            'as stored; other types are stretched between their 2 % and 98 % values. Bands: 1 grey, 3 RGB, 4 RGB ' +
            '(+ alpha when the fourth is alpha), more: the first three (the Image’s `meta_data.preview_bands`). ' +
            'Send `If-None-Match` with the ETag to revalidate.',
          parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The rendition, with `ETag` and `Cache-Control: private, max-age=…`',
              content: {
                'image/jpeg': { schema: { type: 'string', format: 'binary' } },
                'image/png': { schema: { type: 'string', format: 'binary' } },
              },
            },
            '304': { description: 'The copy the caller holds (its ETag) is current' },
            '400': badRequest,
            '404': error(
              'ItemNotFound {instance_type, uid} (no such image, or another user’s); ' +
                'PreviewNotReady {image_id} while it is being rendered (retry later); ' +
                'PreviewFailed {image_id, reason} when it could not be rendered (the image itself is fine)',
            ),
            ...common,
          },
        },
      },
      '/rest/version': {
        get: {
          security: [],
          summary: 'Version as plain text x.y.z',
          responses: { '200': { description: 'x.y.z', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    },
  };
}

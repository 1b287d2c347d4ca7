import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { BadRequest, ItemNotFound } from '@mi/contracts';
import { OWNER_HEADER, parseUuid } from '@mi/platform';
import { BLOB_STORE, parseGsUri, type BlobStore } from '@mi/storage';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { PreviewFailed, PreviewNotReady } from '../domain/preview.errors';
import { PREVIEWS_CONFIG, type PreviewsConfig } from '../previews.config';
import { PreviewsRepository } from './previews.repository';

const SIZES = new Set(['s', 'l']);

/**
 * Internal: a rendition's bytes for its owner, with a strong ETag (a revalidation costs no
 * bytes) and private caching. ItemNotFound covers "not yours", "deleted" and "never heard of":
 * the gateway tells the last apart from "not rendered yet" by asking the catalog.
 */
@Controller('internal/previews')
export class ServePreviewController {
  constructor(
    @Inject(PreviewsRepository) private readonly previews: PreviewsRepository,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(PREVIEWS_CONFIG) private readonly config: PreviewsConfig,
  ) {}

  @Get(':id/:size')
  async serve(
    @Headers(OWNER_HEADER) ownerId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Param('id') id: string,
    @Param('size') size: string,
    @Res() response: Response,
  ): Promise<void> {
    const imageId = parseUuid(id);
    if (!SIZES.has(size)) throw new BadRequest('size', 'is s or l');
    const view = await this.previews.find(imageId);
    if (!view || view.ownerId !== ownerId || view.status === 'deleted') throw new ItemNotFound('image', imageId);
    if (view.status === 'failed') throw new PreviewFailed(imageId, view.reason ?? 'unknown');
    if (view.status !== 'ready' || !view.renditions) throw new PreviewNotReady(imageId);
    const rendition = view.renditions[size as 's' | 'l'];
    response.setHeader('ETag', rendition.etag);
    response.setHeader('Cache-Control', `private, max-age=${this.config.PREVIEW_MAX_AGE_S}`);
    if (ifNoneMatch?.split(/\s*,\s*/).includes(rendition.etag)) {
      response.status(304).end();
      return;
    }
    response.setHeader('Content-Type', `image/${rendition.format}`);
    response.setHeader('Content-Length', String(rendition.bytes));
    await pipeline(this.blobs.createReadStream(parseGsUri(rendition.uri).key), response);
  }
}

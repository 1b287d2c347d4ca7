import { Body, Controller, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { BadRequest, type Image, type Mosaic } from '@mi/contracts';
import { parseUuid } from '@mi/platform';
import { z } from 'zod';
import { parseBody } from '@mi/platform';
import { TokenGuard, type AuthenticatedRequest } from '../auth/token.guard';
import { CatalogClient } from '../infra/catalog.client';
import { IngestClient } from '../infra/ingest.client';
import { withUploadedFile } from './multipart-file';
import { UploadSaga, type Caller } from './upload-saga.service';

const LinkRequestSchema = z.object({ url: z.string().regex(/^gs:\/\/[^/]+\/.+/, 'a gs://bucket/key URL') });

function callerOf(request: AuthenticatedRequest): Caller {
  return { ownerId: request.ownerId, plan: request.plan };
}

function declaredBytesOf(request: AuthenticatedRequest): number | null {
  const length = request.header('content-length');
  return length && /^\d+$/.test(length) ? Number(length) : null;
}

/** `tags` may come repeated or as one comma-joined value (`a, b`), or empty (API.md). */
function tagsOf(raw: string | string[] | undefined): string[] {
  return (Array.isArray(raw) ? raw : [raw ?? ''])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Uploads (multipart, part `file`, streamed) and links of GeoTIFFs into mosaics. */
@Controller('rest/rasters/mosaic')
@UseGuards(TokenGuard)
export class UploadsController {
  constructor(
    @Inject(UploadSaga) private readonly saga: UploadSaga,
    @Inject(CatalogClient) private readonly catalog: CatalogClient,
    @Inject(IngestClient) private readonly ingest: IngestClient,
  ) {}

  /** A new mosaic from its first image; declared before `:id` routes. */
  @Post('image')
  @HttpCode(200)
  async uploadToNewMosaic(
    @Req() request: AuthenticatedRequest,
    @Query('name') name?: string,
    @Query('tags') tags?: string | string[],
  ): Promise<Image> {
    const caller = callerOf(request);
    return withUploadedFile(request, async ({ filename, stream }) => {
      const mosaic = await this.catalog.request<Mosaic>('POST', '/internal/mosaics', caller.ownerId, {
        name: name?.trim() || filename.replace(/\.tiff?$/i, ''),
        tags: tagsOf(tags),
      });
      try {
        const uploadId = await this.saga.prepare(caller, mosaic.id, declaredBytesOf(request));
        const target = { uploadId, mosaicId: mosaic.id };
        return await this.saga.upload(caller, target, filename, stream, declaredBytesOf(request));
      } catch (error) {
        // The mosaic existed only for this image: a refused image leaves no empty mosaic behind.
        await this.catalog.request('DELETE', `/internal/mosaics/${mosaic.id}`, caller.ownerId).catch(() => undefined);
        throw error;
      }
    });
  }

  @Post(':id/image')
  @HttpCode(200)
  async upload(@Req() request: AuthenticatedRequest, @Param('id') id: string): Promise<Image> {
    const caller = callerOf(request);
    const mosaicId = parseUuid(id);
    const uploadId = await this.saga.prepare(caller, mosaicId, declaredBytesOf(request));
    return withUploadedFile(request, ({ filename, stream }) =>
      this.saga.upload(caller, { uploadId, mosaicId }, filename, stream, declaredBytesOf(request)),
    );
  }

  @Post(':id/link-image')
  @HttpCode(200)
  async link(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    const caller = callerOf(request);
    const mosaicId = parseUuid(id);
    const { url } = parseBody(LinkRequestSchema, body);
    if (!url) throw new BadRequest('url', 'required');
    const uploadId = await this.saga.prepare(caller, mosaicId, await this.ingest.linkedSize(caller.ownerId, url));
    await this.saga.link(caller, { uploadId, mosaicId }, url);
    return { message: 'Image linked', mosaic_id: mosaicId };
  }
}

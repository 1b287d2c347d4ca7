import { Body, Controller, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { BadRequest, normalizeName, normalizeTag, type Image, type Mosaic } from '@mi/contracts';
import { parseBody, parseUuid } from '@mi/platform';
import { z } from 'zod';
import { TokenGuard, type AuthenticatedRequest } from '../auth/token.guard';
import { CatalogClient } from '../infra/catalog.client';
import { IngestClient } from '../infra/ingest.client';
import { withUploadedFile } from './multipart-file';
import { UploadSaga, type Caller } from './upload-saga.service';

const LinkRequestSchema = z.object({
  url: z
    .string()
    .max(2048)
    .regex(/^gs:\/\/[^/]+\/.+/, 'a gs://bucket/key URL'),
});

function callerOf(request: AuthenticatedRequest): Caller {
  return { ownerId: request.ownerId, plan: request.plan };
}

function declaredBytesOf(request: AuthenticatedRequest): number | null {
  const length = request.header('content-length');
  return length && /^\d{1,15}$/.test(length) ? Number(length) : null;
}

/** One value of a query parameter: a repeated one is a malformed request, not a crash. */
function single(field: string, raw: unknown): string | undefined {
  if (raw === undefined || typeof raw === 'string') return raw;
  throw new BadRequest(field, 'given more than once');
}

/** `tags` may come repeated or as one comma-joined value (`a, b`), or empty (API.md). */
function tagsOf(raw: unknown): string[] {
  const values: unknown[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const strings = values.filter((t): t is string => typeof t === 'string');
  if (strings.length !== values.length) throw new BadRequest('tags', 'must be strings');
  return strings
    .flatMap((t) => t.split(','))
    .map(normalizeTag)
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

  /**
   * A new mosaic from its first image; declared before `:id` routes. Nothing is created or
   * reserved until the file part arrives, so a request without one leaves nothing behind.
   */
  @Post('image')
  @HttpCode(200)
  async uploadToNewMosaic(
    @Req() request: AuthenticatedRequest,
    @Query('name') rawName?: unknown,
    @Query('tags') rawTags?: unknown,
  ): Promise<Image> {
    const caller = callerOf(request);
    const name = normalizeName(single('name', rawName) ?? '');
    const tags = tagsOf(rawTags);
    return withUploadedFile(request, async ({ filename, stream }) => {
      const mosaic = await this.catalog.request<Mosaic>('POST', '/internal/mosaics', caller.ownerId, {
        name: name || filename.replace(/\.tiff?$/i, '') || filename,
        tags,
      });
      try {
        const attempt = await this.saga.prepare(caller, mosaic.id, declaredBytesOf(request));
        return await this.saga.settle(attempt, () =>
          this.saga.upload(attempt, filename, stream, declaredBytesOf(request)),
        );
      } catch (error) {
        // The mosaic existed only for this image: a refused image leaves no empty mosaic behind.
        await this.catalog.request('DELETE', `/internal/mosaics/${mosaic.id}`, caller.ownerId).catch(() => undefined);
        throw error;
      }
    });
  }

  /** The declared size is reserved before the body is read (a full account hears so at once). */
  @Post(':id/image')
  @HttpCode(200)
  async upload(@Req() request: AuthenticatedRequest, @Param('id') id: string): Promise<Image> {
    const attempt = await this.saga.prepare(callerOf(request), parseUuid(id), declaredBytesOf(request));
    return this.saga.settle(attempt, () =>
      withUploadedFile(request, ({ filename, stream }) =>
        this.saga.upload(attempt, filename, stream, declaredBytesOf(request)),
      ),
    );
  }

  @Post(':id/link-image')
  @HttpCode(200)
  async link(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    const caller = callerOf(request);
    const mosaicId = parseUuid(id);
    const { url } = parseBody(LinkRequestSchema, body);
    const attempt = await this.saga.prepare(caller, mosaicId, await this.ingest.linkedSize(caller.ownerId, url));
    await this.saga.settle(attempt, () => this.saga.link(attempt, url));
    return { message: 'Image linked', mosaic_id: mosaicId };
  }
}

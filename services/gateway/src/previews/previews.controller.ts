import { Controller, Get, Headers, Inject, Param, Res, UseGuards } from '@nestjs/common';
import { BadRequest, type Image } from '@mi/contracts';
import { LOGGER } from '@mi/eventstore';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Owner } from '../auth/owner.decorator';
import { TokenGuard } from '../auth/token.guard';
import { UpstreamError } from '@mi/platform';
import { CatalogClient } from '../infra/catalog.client';
import { PreviewsClient } from '../infra/previews.client';

/**
 * `GET /rest/rasters/image/{id}/preview/s|l` (API.md): the rendition's bytes with ETag and
 * cache headers. Previews knows only images it was asked to render: when it says "not found",
 * the catalog decides between "not yours / no such image" (ItemNotFound) and "accepted, preview
 * not rendered yet" (PreviewNotReady); both are 404s with the catalog error envelope.
 */
@Controller('rest/rasters/image')
@UseGuards(TokenGuard)
export class PreviewsController {
  constructor(
    @Inject(PreviewsClient) private readonly previews: PreviewsClient,
    @Inject(CatalogClient) private readonly catalog: CatalogClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':id/preview/:size')
  async preview(
    @Owner() ownerId: string,
    @Param('id') id: string,
    @Param('size') size: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    // Checked here too, so a wrong size is a 400 even while previews is unreachable.
    if (size !== 's' && size !== 'l') throw new BadRequest('size', 'is s or l');
    const answer = await this.previews.rendition(ownerId, id, size, ifNoneMatch).catch(async (error: unknown) => {
      const unknownToPreviews = error instanceof UpstreamError && error.code === 'ItemNotFound';
      // Previews unreachable (restarting, overloaded): for a client, the preview is not ready yet.
      const unreachable = !(error instanceof UpstreamError);
      if (!unknownToPreviews && !unreachable) throw error;
      if (unreachable) this.logger.warn({ err: error }, 'previews unreachable; answering PreviewNotReady');
      await this.catalog.request<Image>('GET', `/internal/images/${encodeURIComponent(id)}`, ownerId);
      throw new UpstreamError(404, 'PreviewNotReady', { image_id: id });
    });
    response.status(answer.status).set(answer.headers);
    if (answer.status === 304 || !answer.body) {
      response.end();
      return;
    }
    await pipeline(Readable.fromWeb(answer.body as never), response);
  }
}

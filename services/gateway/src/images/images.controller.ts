import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Query, UseGuards } from '@nestjs/common';
import type { Image } from '@mi/contracts';
import { parseUuid } from '@mi/platform';
import { Owner } from '../auth/owner.decorator';
import { TokenGuard } from '../auth/token.guard';
import { CatalogClient } from '../infra/catalog.client';
import { IngestClient } from '../infra/ingest.client';

/** `/rest/rasters/image/{id}` of API.md. */
@Controller('rest/rasters/image')
@UseGuards(TokenGuard)
export class ImagesController {
  constructor(
    @Inject(CatalogClient) private readonly catalog: CatalogClient,
    @Inject(IngestClient) private readonly ingest: IngestClient,
  ) {}

  @Get(':id')
  get(@Owner() ownerId: string, @Param('id') id: string): Promise<Image> {
    return this.catalog.request('GET', `/internal/images/${encodeURIComponent(parseUuid(id))}`, ownerId);
  }

  /** A signed, time-limited URL of the original, as stored. */
  @Get(':id/download')
  async download(@Owner() ownerId: string, @Param('id') id: string) {
    const image = await this.catalog.request<Image>(
      'GET',
      `/internal/images/${encodeURIComponent(parseUuid(id))}`,
      ownerId,
    );
    return this.ingest.downloadUrl(ownerId, image.image_url, image.filename);
  }

  /** `?name=` only, no body: the QGIS plugin renames this way. */
  @Put(':id')
  rename(@Owner() ownerId: string, @Param('id') id: string, @Query('name') name?: string): Promise<Image> {
    const query = typeof name === 'string' ? `?name=${encodeURIComponent(name)}` : '';
    return this.catalog.request('PUT', `/internal/images/${encodeURIComponent(parseUuid(id))}${query}`, ownerId);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Owner() ownerId: string, @Param('id') id: string): Promise<void> {
    await this.catalog.request('DELETE', `/internal/images/${encodeURIComponent(parseUuid(id))}`, ownerId);
  }
}

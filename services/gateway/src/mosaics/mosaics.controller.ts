import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
import type { Image, Mosaic } from '@mi/contracts';
import { parseUuid } from '@mi/platform';
import { Owner } from '../auth/owner.decorator';
import { TokenGuard } from '../auth/token.guard';
import { CatalogClient } from '../infra/catalog.client';

/**
 * `/rest/rasters/mosaic*` of API.md. Bodies are checked by the catalog, which owns the rules;
 * ids are encoded so a crafted id can never reach another internal route.
 */
@Controller('rest/rasters/mosaic')
@UseGuards(TokenGuard)
export class MosaicsController {
  constructor(@Inject(CatalogClient) private readonly catalog: CatalogClient) {}

  /** 200, not 201: Mapflow's scripts treat anything else as a failure. */
  @Post()
  @HttpCode(200)
  create(@Owner() ownerId: string, @Body() body: unknown): Promise<Mosaic> {
    return this.catalog.request('POST', '/internal/mosaics', ownerId, body ?? {});
  }

  @Get()
  list(@Owner() ownerId: string): Promise<Mosaic[]> {
    return this.catalog.request('GET', '/internal/mosaics', ownerId);
  }

  /** Ours: `{ids}` → `{deleted, failed: [{id, detail}]}`; declared before `:id` routes. */
  @Post('delete')
  @HttpCode(200)
  removeMany(@Owner() ownerId: string, @Body() body: unknown) {
    return this.catalog.request('POST', '/internal/mosaics/delete', ownerId, body ?? {});
  }

  @Get(':id')
  get(@Owner() ownerId: string, @Param('id') id: string): Promise<Mosaic> {
    return this.catalog.request('GET', `/internal/mosaics/${encodeURIComponent(parseUuid(id))}`, ownerId);
  }

  @Put(':id')
  update(@Owner() ownerId: string, @Param('id') id: string, @Body() body: unknown): Promise<Mosaic> {
    return this.catalog.request('PUT', `/internal/mosaics/${encodeURIComponent(parseUuid(id))}`, ownerId, body ?? {});
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Owner() ownerId: string, @Param('id') id: string): Promise<void> {
    await this.catalog.request('DELETE', `/internal/mosaics/${encodeURIComponent(parseUuid(id))}`, ownerId);
  }

  @Get(':id/image')
  images(@Owner() ownerId: string, @Param('id') id: string): Promise<Image[]> {
    return this.catalog.request('GET', `/internal/mosaics/${encodeURIComponent(parseUuid(id))}/images`, ownerId);
  }
}

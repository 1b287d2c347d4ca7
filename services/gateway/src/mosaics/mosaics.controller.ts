import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { CreateMosaicRequestSchema, type Mosaic } from '@mi/contracts';
import { parseBody } from '@mi/platform';
import { Owner } from '../auth/owner.decorator';
import { TokenGuard } from '../auth/token.guard';
import { CatalogClient } from '../infra/catalog.client';

@Controller('rest/rasters/mosaic')
@UseGuards(TokenGuard)
export class MosaicsController {
  constructor(@Inject(CatalogClient) private readonly catalog: CatalogClient) {}

  /** 200, not 201: Mapflow's scripts treat anything else as a failure. */
  @Post()
  @HttpCode(200)
  create(@Owner() ownerId: string, @Body() body: unknown): Promise<Mosaic> {
    return this.catalog.request('POST', '/internal/mosaics', ownerId, parseBody(CreateMosaicRequestSchema, body));
  }

  @Get()
  list(@Owner() ownerId: string): Promise<Mosaic[]> {
    return this.catalog.request('GET', '/internal/mosaics', ownerId);
  }
}

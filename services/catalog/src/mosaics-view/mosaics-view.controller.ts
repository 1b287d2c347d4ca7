import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { ItemNotFound } from '@mi/contracts';
import { parseUuid, OWNER_HEADER } from '@mi/platform';
import { toMosaicResponse } from './mosaic.view';
import { MosaicsRepository } from './mosaics.repository';

/** Internal read API: only the gateway calls it, naming the authenticated owner. */
@Controller('internal/mosaics')
export class MosaicsViewController {
  constructor(@Inject(MosaicsRepository) private readonly mosaics: MosaicsRepository) {}

  @Get()
  async list(@Headers(OWNER_HEADER) ownerId: string) {
    return (await this.mosaics.listByOwner(ownerId)).map(toMosaicResponse);
  }

  @Get(':id')
  async get(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string) {
    const mosaicId = parseUuid(id);
    const view = await this.mosaics.findOwned(ownerId, mosaicId);
    if (!view) throw new ItemNotFound('mosaic', mosaicId);
    return toMosaicResponse(view);
  }
}

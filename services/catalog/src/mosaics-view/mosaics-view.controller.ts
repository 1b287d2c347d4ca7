import { Controller, Get, Headers } from '@nestjs/common';
import { OWNER_HEADER } from '../owner.header';
import { toMosaicResponse } from './mosaic.view';
import { MosaicsRepository } from './mosaics.repository';

/** Internal read API: only the gateway calls it, naming the authenticated owner. */
@Controller('internal/mosaics')
export class MosaicsViewController {
  constructor(private readonly mosaics: MosaicsRepository) {}

  @Get()
  async list(@Headers(OWNER_HEADER) ownerId: string) {
    return (await this.mosaics.listByOwner(ownerId)).map(toMosaicResponse);
  }
}

import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CreateMosaicRequestSchema } from '@mi/contracts';
import { parseBody } from '@mi/platform';
import { OWNER_HEADER } from '../owner.header';
import { toMosaicResponse } from '../mosaics-view/mosaic.view';
import { CreateMosaicHandler } from './create-mosaic.handler';

@Controller('internal/mosaics')
export class CreateMosaicController {
  constructor(private readonly handler: CreateMosaicHandler) {}

  @Post()
  @HttpCode(200)
  async create(@Headers(OWNER_HEADER) ownerId: string, @Body() body: unknown) {
    const request = parseBody(CreateMosaicRequestSchema, body);
    const view = await this.handler.execute({ ownerId, name: request.name, tags: request.tags ?? [] });
    return toMosaicResponse(view);
  }
}

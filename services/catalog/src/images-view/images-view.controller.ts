import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { ItemNotFound } from '@mi/contracts';
import { parseUuid, OWNER_HEADER } from '@mi/platform';
import { CATALOG_CONFIG, type CatalogConfig } from '../catalog.config';
import { MosaicsRepository } from '../mosaics-view/mosaics.repository';
import { toImageResponse } from './image.response';
import { ImagesRepository } from './images.repository';

@Controller('internal')
export class ImagesViewController {
  constructor(
    @Inject(ImagesRepository) private readonly images: ImagesRepository,
    @Inject(MosaicsRepository) private readonly mosaics: MosaicsRepository,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  @Get('mosaics/:id/images')
  async listOfMosaic(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string) {
    const mosaicId = parseUuid(id);
    if (!(await this.mosaics.findOwned(ownerId, mosaicId))) throw new ItemNotFound('mosaic', mosaicId);
    return (await this.images.listOfMosaic(mosaicId)).map((v) => toImageResponse(v, this.config.PUBLIC_BASE_URL));
  }

  @Get('images/:id')
  async get(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string) {
    const imageId = parseUuid(id);
    const view = await this.images.findOwned(ownerId, imageId);
    if (!view) throw new ItemNotFound('image', imageId);
    return toImageResponse(view, this.config.PUBLIC_BASE_URL);
  }
}

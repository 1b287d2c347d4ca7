import { Controller, Delete, Headers, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { BadRequest, ItemNotFound } from '@mi/contracts';
import { parseUuid, OWNER_HEADER } from '@mi/platform';
import { CATALOG_CONFIG, type CatalogConfig } from '../catalog.config';
import { toImageResponse } from '../images-view/image.response';
import { ImagesRepository } from '../images-view/images.repository';
import { MosaicCommands } from '../mosaic-commands.service';

/** Image commands arrive by image id; the image's row names the mosaic stream they go to. */
@Controller('internal/images')
export class ManageImagesController {
  constructor(
    @Inject(MosaicCommands) private readonly commands: MosaicCommands,
    @Inject(ImagesRepository) private readonly images: ImagesRepository,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  private async owned(ownerId: string, id: string) {
    const imageId = parseUuid(id);
    const view = await this.images.findOwned(ownerId, imageId);
    if (!view) throw new ItemNotFound('image', imageId);
    return view;
  }

  /** `PUT /rasters/image/{id}?name=`: query only, no body (API.md). */
  @Put(':id')
  async rename(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string, @Query('name') name?: string) {
    if (typeof name !== 'string') throw new BadRequest('name', 'query parameter required');
    const image = await this.owned(ownerId, id);
    const command = { mosaicId: image.mosaicId, ownerId, imageId: image._id, now: new Date() };
    await this.commands.execute({ type: 'RenameImage', filename: name, ...command });
    return toImageResponse((await this.owned(ownerId, id))!, this.config.PUBLIC_BASE_URL);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string): Promise<void> {
    const image = await this.owned(ownerId, id);
    await this.commands.execute({
      type: 'DeleteImage',
      mosaicId: image.mosaicId,
      ownerId,
      imageId: image._id,
      now: new Date(),
    });
  }
}

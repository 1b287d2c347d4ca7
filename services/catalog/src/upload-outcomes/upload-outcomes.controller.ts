import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { DomainError } from '@mi/contracts';
import { parseUuid, OWNER_HEADER } from '@mi/platform';
import { CATALOG_CONFIG, type CatalogConfig } from '../catalog.config';
import { toImageResponse } from '../images-view/image.response';
import { ImagesRepository } from '../images-view/images.repository';
import { UploadOutcomesRepository } from './upload-outcomes.repository';

export class UploadPending extends DomainError {
  constructor(uploadId: string) {
    super('UploadPending', { uid: uploadId });
  }
}

/** Internal: the gateway polls here, bounded, until the catalog decided an upload. */
@Controller('internal/uploads')
export class UploadOutcomesController {
  constructor(
    @Inject(UploadOutcomesRepository) private readonly outcomes: UploadOutcomesRepository,
    @Inject(ImagesRepository) private readonly images: ImagesRepository,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
  ) {}

  @Get(':id')
  async get(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string) {
    const outcome = await this.outcomes.findOwned(ownerId, parseUuid(id));
    if (!outcome) throw new UploadPending(id);
    if (outcome.status === 'REJECTED') return { status: outcome.status, detail: outcome.detail };
    const image = await this.images.findOwned(ownerId, outcome.imageId);
    // Accepted, then deleted before anyone asked: report it as the image being gone.
    if (!image)
      return {
        status: 'REJECTED',
        detail: { code: 'ItemNotFound', parameters: { instance_type: 'image', uid: outcome.imageId } },
      };
    return { status: outcome.status, image: toImageResponse(image, this.config.PUBLIC_BASE_URL) };
  }
}

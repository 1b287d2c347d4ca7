import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { DomainError } from '@mi/contracts';
import { OWNER_HEADER, parseUuid } from '@mi/platform';
import { UploadsRepository } from '../uploads-view/uploads.repository';

/** Internal: where the caller's upload stands, for `GET /rest/rasters/image/{id}/status` while the catalog has no word yet. */
@Controller('internal/uploads')
export class UploadStatusController {
  constructor(@Inject(UploadsRepository) private readonly uploads: UploadsRepository) {}

  @Get(':id')
  async get(@Headers(OWNER_HEADER) ownerId: string, @Param('id') id: string) {
    const upload = await this.uploads.findOwned(ownerId, parseUuid(id));
    if (!upload) throw new DomainError('ItemNotFound', { instance_type: 'image', uid: id });
    return { id: upload._id, mosaicId: upload.mosaicId, status: upload.status, detail: upload.detail ?? null };
  }
}

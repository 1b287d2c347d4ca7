import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ItemNotFound, type Image } from '@mi/contracts';
import { parseUuid, UpstreamError } from '@mi/platform';
import { Owner } from '../auth/owner.decorator';
import { TokenGuard } from '../auth/token.guard';
import { CatalogClient } from '../infra/catalog.client';
import { IngestClient } from '../infra/ingest.client';

type Detail = { code: string; parameters: Record<string, unknown> };
type CatalogOutcome = { status: 'ACCEPTED'; image: Image } | { status: 'REJECTED'; detail: Detail };

export interface ImageStatus {
  id: string;
  status: 'UPLOADING' | 'VALIDATING' | 'READY' | 'REJECTED';
  /** Why it was refused (API.md's code and parameters); null otherwise. */
  detail: Detail | null;
}

const INGEST_STATUS = { STARTED: 'UPLOADING', STORED: 'VALIDATING', VALIDATED: 'VALIDATING' } as const;

/**
 * `GET /rest/rasters/image/{id}/status` (ours): UPLOADING → VALIDATING → READY | REJECTED. The
 * catalog's decision wins; before it, ingest says how far the upload got. An image id is its
 * upload's id, so one id answers all along.
 */
@Controller('rest/rasters/image')
@UseGuards(TokenGuard)
export class ImageStatusController {
  constructor(
    @Inject(CatalogClient) private readonly catalog: CatalogClient,
    @Inject(IngestClient) private readonly ingest: IngestClient,
  ) {}

  @Get(':id/status')
  async status(@Owner() ownerId: string, @Param('id') rawId: string): Promise<ImageStatus> {
    const id = parseUuid(rawId);
    const decided = await this.catalog
      .request<CatalogOutcome>('GET', `/internal/uploads/${id}`, ownerId)
      .catch((error: unknown) => {
        if (error instanceof UpstreamError && error.code === 'UploadPending') return null;
        throw error;
      });
    if (decided?.status === 'ACCEPTED') return { id, status: 'READY', detail: null };
    if (decided?.status === 'REJECTED') {
      // Accepted, then deleted: the image is gone, not refused.
      if (decided.detail.code === 'ItemNotFound') throw new ItemNotFound('image', id);
      return { id, status: 'REJECTED', detail: decided.detail };
    }
    const upload = await this.ingest.uploadStatus(ownerId, id);
    if (upload.status === 'REJECTED') return { id, status: 'REJECTED', detail: upload.detail };
    return { id, status: INGEST_STATUS[upload.status], detail: null };
  }
}

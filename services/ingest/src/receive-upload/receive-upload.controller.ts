import { Controller, Headers, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { BadRequest } from '@mi/contracts';
import { OWNER_HEADER, OWNER_PLAN_HEADER, parseUuid } from '@mi/platform';
import type { Request } from 'express';
import { UploadPipeline } from './upload-pipeline.service';

/**
 * Internal: the gateway streams one file's bytes here (`application/octet-stream`, never
 * buffered) after it authenticated the caller and checked the mosaic is theirs.
 */
@Controller('internal/uploads')
export class ReceiveUploadController {
  constructor(@Inject(UploadPipeline) private readonly pipeline: UploadPipeline) {}

  @Post()
  @HttpCode(200)
  receive(
    @Req() request: Request,
    @Query('mosaicId') mosaicId: string,
    @Query('filename') filename: string,
    @Query('uploadId') uploadId: string,
    @Headers(OWNER_HEADER) ownerId: string,
    @Headers(OWNER_PLAN_HEADER) plan: string,
    @Headers('x-declared-bytes') declared?: string,
  ) {
    if (!filename?.trim()) throw new BadRequest('filename', 'required');
    const declaredBytes = declared && /^\d+$/.test(declared) ? Number(declared) : null;
    return this.pipeline.receive(
      {
        uploadId: parseUuid(uploadId ?? '', 'uploadId'),
        ownerId,
        plan,
        mosaicId: parseUuid(mosaicId ?? '', 'mosaicId'),
        filename: filename.trim(),
        declaredBytes,
      },
      request,
    );
  }
}

import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { parseBody, parseUuid } from '@mi/platform';
import { z } from 'zod';
import { UploadPipeline } from '../receive-upload/upload-pipeline.service';

const LinkSchema = z.object({
  mosaicId: z.string(),
  url: z.string().regex(/^gs:\/\/[^/]+\/.+/, 'a gs://bucket/key URL'),
});

/** Internal: an image already in a bucket joins a mosaic by a server-side copy, then the same checks. */
@Controller('internal/uploads/link')
export class LinkImageController {
  constructor(@Inject(UploadPipeline) private readonly pipeline: UploadPipeline) {}

  @Post()
  @HttpCode(200)
  link(@Headers('x-owner-id') ownerId: string, @Headers('x-owner-plan') plan: string, @Body() body: unknown) {
    const { mosaicId, url } = parseBody(LinkSchema, body);
    const filename = url.split('/').pop() || 'image.tif';
    return this.pipeline.link(
      { ownerId, plan, mosaicId: parseUuid(mosaicId, 'mosaicId'), filename, declaredBytes: null },
      url,
    );
  }
}

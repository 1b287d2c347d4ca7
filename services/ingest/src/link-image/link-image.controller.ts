import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { BadRequest } from '@mi/contracts';
import { parseBody, parseUuid, OWNER_HEADER } from '@mi/platform';
import { BLOB_STORE, type BlobStore } from '@mi/storage';
import { z } from 'zod';
import { UploadPipeline } from '../receive-upload/upload-pipeline.service';

const LinkSchema = z.object({
  uploadId: z.string(),
  mosaicId: z.string(),
  url: z.string().regex(/^gs:\/\/[^/]+\/.+/, 'a gs://bucket/key URL'),
});

/** Internal: an image already in a bucket joins a mosaic by a server-side copy, then the same checks. */
@Controller('internal/uploads/link')
export class LinkImageController {
  constructor(
    @Inject(UploadPipeline) private readonly pipeline: UploadPipeline,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** The linked object's size, so the gateway can reserve exactly that before the copy. */
  @Post('size')
  @HttpCode(200)
  async size(@Body() body: unknown) {
    const { url } = parseBody(LinkSchema.pick({ url: true }), body);
    const info = await this.blobs.statUri(url).catch(() => null);
    if (!info) throw new BadRequest('url', 'no readable object there');
    return { bytes: info.size };
  }

  @Post()
  @HttpCode(200)
  link(@Headers(OWNER_HEADER) ownerId: string, @Headers('x-owner-plan') plan: string, @Body() body: unknown) {
    const { uploadId, mosaicId, url } = parseBody(LinkSchema, body);
    const filename = url.split('/').pop() || 'image.tif';
    return this.pipeline.link(
      {
        uploadId: parseUuid(uploadId, 'uploadId'),
        ownerId,
        plan,
        mosaicId: parseUuid(mosaicId, 'mosaicId'),
        filename,
        declaredBytes: null,
      },
      url,
    );
  }
}

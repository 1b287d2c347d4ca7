import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { BadRequest, normalizeFilename } from '@mi/contracts';
import { OWNER_HEADER, OWNER_PLAN_HEADER, parseBody, parseUuid } from '@mi/platform';
import { z } from 'zod';
import { UploadPipeline } from '../receive-upload/upload-pipeline.service';
import { LinkSourcePolicy } from './link-source.policy';

const LinkSchema = z.object({
  uploadId: z.string(),
  mosaicId: z.string(),
  url: z
    .string()
    .max(2048)
    .regex(/^gs:\/\/[^/]+\/.+/, 'a gs://bucket/key URL'),
});

/** The same answer for a missing object and one the caller may not read: existence is not leaked. */
const unreadable = () => new BadRequest('url', 'no readable object there');

/** Internal: an image already in a bucket joins a mosaic by a server-side copy, then the same checks. */
@Controller('internal/uploads/link')
export class LinkImageController {
  constructor(
    @Inject(UploadPipeline) private readonly pipeline: UploadPipeline,
    @Inject(LinkSourcePolicy) private readonly sources: LinkSourcePolicy,
  ) {}

  /** The linked object's size, so the gateway can reserve exactly that before the copy. */
  @Post('size')
  @HttpCode(200)
  async size(@Headers(OWNER_HEADER) ownerId: string, @Body() body: unknown) {
    const { url } = parseBody(LinkSchema.pick({ url: true }), body);
    const info = await this.sources.readable(url, ownerId);
    if (!info) throw unreadable();
    return { bytes: info.size };
  }

  @Post()
  @HttpCode(200)
  async link(@Headers(OWNER_HEADER) ownerId: string, @Headers(OWNER_PLAN_HEADER) plan: string, @Body() body: unknown) {
    const { uploadId, mosaicId, url } = parseBody(LinkSchema, body);
    // Checked again here, not only at `size`: every call enforces the owner on its own.
    if (!(await this.sources.readable(url, ownerId))) throw unreadable();
    return this.pipeline.link(
      {
        uploadId: parseUuid(uploadId, 'uploadId'),
        ownerId,
        plan,
        mosaicId: parseUuid(mosaicId, 'mosaicId'),
        filename: normalizeFilename(url.split('/').pop() ?? ''),
        declaredBytes: null,
      },
      url,
    );
  }
}

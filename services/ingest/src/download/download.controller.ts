import { Controller, Get, Headers, Inject, Query } from '@nestjs/common';
import { OWNER_HEADER } from '@mi/platform';
import { BadRequest } from '@mi/contracts';
import { BLOB_STORE, parseGsUri, type BlobStore } from '@mi/storage';
import { INGEST_CONFIG, type IngestConfig } from '../ingest.config';

/** Internal: a time-limited URL for an original the gateway already checked the caller owns. */
@Controller('internal/downloads')
export class DownloadController {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {}

  @Get()
  async signedUrl(
    @Headers(OWNER_HEADER) ownerId: string,
    @Query('uri') uri: string,
    @Query('filename') filename: string,
  ) {
    const location = (() => {
      try {
        return parseGsUri(uri ?? '');
      } catch {
        return null;
      }
    })();
    if (!location || location.bucket !== this.config.GCS_BUCKET) throw new BadRequest('uri', 'not one of our objects');
    // The gateway checked the image is the caller's; the object must say so too.
    const info = await this.blobs.stat(location.key);
    if (!info || info.metadata.ownerId !== ownerId) throw new BadRequest('uri', 'not one of our objects');
    const expiresIn = this.config.SIGNED_URL_TTL_S;
    const url = await this.blobs.signedReadUrl(location.key, expiresIn, { downloadFilename: filename });
    return { download_url: url, filename, expires_in: expiresIn };
  }
}

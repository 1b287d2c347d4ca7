import { CORRELATION_HEADER, currentContext, OWNER_HEADER } from '@mi/platform';
import { UpstreamError } from './catalog.client';

/** A rendition as previews answers it: a 200 with bytes, or a 304 when the caller's copy is current. */
export interface PreviewAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
}

const PASSED_ON = ['content-type', 'content-length', 'etag', 'cache-control'];

/** The gateway's reads of preview renditions from the previews service's internal API. */
export class PreviewsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async rendition(ownerId: string, imageId: string, size: string, ifNoneMatch?: string): Promise<PreviewAnswer> {
    const response = await fetch(
      `${this.baseUrl}/internal/previews/${encodeURIComponent(imageId)}/${encodeURIComponent(size)}`,
      {
        headers: {
          [OWNER_HEADER]: ownerId,
          [CORRELATION_HEADER]: currentContext()?.correlationId ?? '',
          ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}),
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      },
    );
    if (response.status === 200 || response.status === 304) {
      const headers = Object.fromEntries(
        PASSED_ON.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)!]] : [])),
      );
      return { status: response.status, headers, body: response.body };
    }
    const payload = (await response.json().catch(() => null)) as {
      detail?: { code?: string; parameters?: Record<string, unknown> };
    } | null;
    if (response.status < 500 && payload?.detail?.code) {
      throw new UpstreamError(response.status, payload.detail.code, payload.detail.parameters ?? {});
    }
    throw new Error(`previews answered ${response.status} for image ${imageId}`);
  }
}

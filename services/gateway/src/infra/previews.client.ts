import type { ServiceClient } from '@mi/platform';

/** A rendition as previews answers it: a 200 with bytes, or a 304 when the caller's copy is current. */
export interface PreviewAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
}

const PASSED_ON = ['content-type', 'content-length', 'etag', 'cache-control'];

/** The gateway's reads of preview renditions from the previews service's internal API. */
export class PreviewsClient {
  constructor(private readonly client: ServiceClient) {}

  async rendition(ownerId: string, imageId: string, size: string, ifNoneMatch?: string): Promise<PreviewAnswer> {
    const path = `/internal/previews/${encodeURIComponent(imageId)}/${encodeURIComponent(size)}`;
    const response = await this.client.fetch(
      path,
      { owner: ownerId, plan: null },
      { headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} },
    );
    if (response.status === 200 || response.status === 304) {
      const headers = Object.fromEntries(
        PASSED_ON.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)!]] : [])),
      );
      return { status: response.status, headers, body: response.body };
    }
    const text = await response.text().catch(() => null);
    throw this.client.errorOf(response.status, text, `GET ${path}`);
  }
}

import { ApiError, errorDetailOf, parseJson } from './api-error';
import type { BulkDeleteResult, Image, Memory, Mosaic } from './rest-types';

/** The page only talks to its own origin's `/rest`: the gateway that served it. */
const BASE = '/rest';

/**
 * The public REST API with the signed-in token. A 401 anywhere means the token stopped working
 * (revoked, or mistyped at sign-in): `onUnauthorized` signs the tab out.
 */
export class RestClient {
  constructor(
    readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  get authorization(): string {
    return `Basic ${this.token}`;
  }

  listMosaics(): Promise<Mosaic[]> {
    return this.request('GET', '/rasters/mosaic');
  }

  getMosaic(id: string): Promise<Mosaic> {
    return this.request('GET', `/rasters/mosaic/${encodeURIComponent(id)}`);
  }

  createMosaic(body: { name: string; tags: string[] }): Promise<Mosaic> {
    return this.request('POST', '/rasters/mosaic', body);
  }

  updateMosaic(id: string, body: { name?: string; tags?: string[] }): Promise<Mosaic> {
    return this.request('PUT', `/rasters/mosaic/${encodeURIComponent(id)}`, body);
  }

  deleteMosaic(id: string): Promise<void> {
    return this.request('DELETE', `/rasters/mosaic/${encodeURIComponent(id)}`);
  }

  deleteMosaics(ids: string[]): Promise<BulkDeleteResult> {
    return this.request('POST', '/rasters/mosaic/delete', { ids });
  }

  listImages(mosaicId: string): Promise<Image[]> {
    return this.request('GET', `/rasters/mosaic/${encodeURIComponent(mosaicId)}/image`);
  }

  getImage(id: string): Promise<Image> {
    return this.request('GET', `/rasters/image/${encodeURIComponent(id)}`);
  }

  deleteImage(id: string): Promise<void> {
    return this.request('DELETE', `/rasters/image/${encodeURIComponent(id)}`);
  }

  memory(): Promise<Memory> {
    return this.request('GET', '/rasters/memory');
  }

  /** A binary answer (previews): the response itself, errors left to the caller. */
  fetchBinary(path: string, signal: AbortSignal): Promise<Response> {
    return fetch(path, { headers: { authorization: this.authorization }, signal });
  }

  /** Reports a 401 seen outside `request` (uploads, previews). */
  unauthorized(): void {
    this.onUnauthorized();
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${BASE}${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, errorDetailOf(0, null));
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw new ApiError(response.status, errorDetailOf(response.status, json));
    }
    return json as T;
  }
}

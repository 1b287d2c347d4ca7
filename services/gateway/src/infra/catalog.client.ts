import { ServiceClient } from '@mi/platform';

/**
 * The gateway's one synchronous dependency on catalog (DESIGN.md §2): its internal HTTP API,
 * called for the authenticated owner (signed into the service token) and the request's
 * correlation id.
 */
export class CatalogClient {
  constructor(private readonly client: ServiceClient) {}

  request<T>(method: string, path: string, ownerId: string, body?: unknown): Promise<T> {
    return this.client.json<T>(method, path, { owner: ownerId, plan: null }, body);
  }
}

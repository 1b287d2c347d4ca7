import { request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CORRELATION_HEADER, currentContext, releasingStreamedChunks, OWNER_HEADER } from '@mi/platform';
import { UpstreamError } from './catalog.client';

export interface IngestOutcome {
  status: 'VALIDATED' | 'REJECTED';
  uploadId: string;
  code?: string;
  parameters?: Record<string, unknown>;
}

/** The gateway's calls into ingest: streaming uploads, links, download URLs. */
export class IngestClient {
  constructor(private readonly baseUrl: string) {}

  /** Streams `body` to ingest with backpressure; ingest answers once the bytes are stored and checked. */
  upload(
    target: {
      uploadId: string;
      ownerId: string;
      plan: string;
      mosaicId: string;
      filename: string;
      declaredBytes: number | null;
    },
    body: Readable,
  ): Promise<IngestOutcome> {
    const url = new URL('/internal/uploads', this.baseUrl);
    url.searchParams.set('mosaicId', target.mosaicId);
    url.searchParams.set('uploadId', target.uploadId);
    url.searchParams.set('filename', target.filename);
    return new Promise<IngestOutcome>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          [OWNER_HEADER]: target.ownerId,
          'x-owner-plan': target.plan,
          ...(target.declaredBytes !== null ? { 'x-declared-bytes': String(target.declaredBytes) } : {}),
          [CORRELATION_HEADER]: currentContext()?.correlationId ?? '',
        },
      });
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const payload = JSON.parse(Buffer.concat(chunks).toString() || 'null');
          if (response.statusCode === 200) return resolve(payload as IngestOutcome);
          const detail = payload?.detail;
          if (response.statusCode! < 500 && detail?.code) {
            return reject(new UpstreamError(response.statusCode!, detail.code, detail.parameters ?? {}));
          }
          reject(new Error(`ingest answered ${response.statusCode}`));
        });
        // Ingest answered (e.g. FileTooBig) before the client finished sending: stop reading it.
        body.unpipe(req);
        body.resume();
      });
      req.on('error', reject);
      pipeline(body, releasingStreamedChunks(), req).catch((error) => req.destroy(error));
    });
  }

  async linked(
    target: { uploadId: string; ownerId: string; plan: string; mosaicId: string },
    url: string,
  ): Promise<IngestOutcome> {
    const body = { uploadId: target.uploadId, mosaicId: target.mosaicId, url };
    return this.json('POST', '/internal/uploads/link', target, body);
  }

  async linkedSize(ownerId: string, url: string): Promise<number> {
    const { bytes } = await this.json<{ bytes: number }>(
      'POST',
      '/internal/uploads/link/size',
      { ownerId, plan: '' },
      { url },
    );
    return bytes;
  }

  async downloadUrl(ownerId: string, uri: string, filename: string) {
    const query = new URLSearchParams({ uri, filename });
    return this.json<{ download_url: string; filename: string; expires_in: number }>(
      'GET',
      `/internal/downloads?${query}`,
      { ownerId, plan: '' },
    );
  }

  private async json<T = IngestOutcome>(
    method: string,
    path: string,
    who: { ownerId: string; plan: string },
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        'content-type': 'application/json',
        [OWNER_HEADER]: who.ownerId,
        'x-owner-plan': who.plan,
        [CORRELATION_HEADER]: currentContext()?.correlationId ?? '',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json().catch(() => null)) as any;
    if (response.ok) return payload as T;
    if (response.status < 500 && payload?.detail?.code) {
      throw new UpstreamError(response.status, payload.detail.code, payload.detail.parameters ?? {});
    }
    throw new Error(`ingest answered ${response.status} to ${method} ${path}`);
  }
}

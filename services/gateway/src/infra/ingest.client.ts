import type { Readable } from 'node:stream';
import type { ImageValidated } from '@mi/contracts';
import type { ServiceCaller, ServiceClient } from '@mi/platform';

export interface IngestOutcome {
  status: 'VALIDATED' | 'REJECTED';
  uploadId: string;
  code?: string;
  parameters?: Record<string, unknown>;
  /** For VALIDATED: what ingest learnt of the file. */
  image?: Pick<
    ImageValidated['data'],
    'storageUri' | 'fileSize' | 'checksum' | 'metadata' | 'footprint' | 'filename' | 'mosaicId'
  >;
}

/** Where an upload stands in ingest (before the catalog decided). */
export interface IngestUploadStatus {
  id: string;
  mosaicId: string;
  status: 'STARTED' | 'STORED' | 'VALIDATED' | 'REJECTED';
  detail: { code: string; parameters: Record<string, unknown> } | null;
}

export interface UploadTarget {
  uploadId: string;
  ownerId: string;
  plan: string;
  mosaicId: string;
  filename: string;
  declaredBytes: number | null;
}

/** The gateway's calls into ingest: streaming uploads, links, download URLs. */
export class IngestClient {
  constructor(private readonly client: ServiceClient) {}

  /** Streams `body` to ingest with backpressure; ingest answers once the bytes are stored and checked. */
  upload(target: UploadTarget, body: Readable): Promise<IngestOutcome> {
    const query = new URLSearchParams({
      mosaicId: target.mosaicId,
      uploadId: target.uploadId,
      filename: target.filename,
    });
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (target.declaredBytes !== null) headers['x-declared-bytes'] = String(target.declaredBytes);
    return this.client.stream(`/internal/uploads?${query}`, callerOf(target), headers, body);
  }

  linked(target: Omit<UploadTarget, 'filename' | 'declaredBytes'>, url: string): Promise<IngestOutcome> {
    const body = { uploadId: target.uploadId, mosaicId: target.mosaicId, url };
    return this.client.json('POST', '/internal/uploads/link', callerOf(target), body);
  }

  /** The size of an object the caller may link (ingest refuses objects outside what they may read). */
  async linkedSize(ownerId: string, url: string): Promise<number> {
    const answer = await this.client.json<{ bytes: number }>(
      'POST',
      '/internal/uploads/link/size',
      { owner: ownerId, plan: null },
      { url },
    );
    return answer.bytes;
  }

  uploadStatus(ownerId: string, uploadId: string): Promise<IngestUploadStatus> {
    return this.client.json('GET', `/internal/uploads/${encodeURIComponent(uploadId)}`, { owner: ownerId, plan: null });
  }

  downloadUrl(ownerId: string, uri: string, filename: string) {
    const query = new URLSearchParams({ uri, filename });
    return this.client.json<{ download_url: string; filename: string; expires_in: number }>(
      'GET',
      `/internal/downloads?${query}`,
      { owner: ownerId, plan: null },
    );
  }
}

function callerOf(target: { ownerId: string; plan: string }): ServiceCaller {
  return { owner: target.ownerId, plan: target.plan };
}

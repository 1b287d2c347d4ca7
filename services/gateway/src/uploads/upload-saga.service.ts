import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DomainError, type Image, type Mosaic } from '@mi/contracts';
import { PLAN_CATALOG, type PlanCatalog } from '@mi/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { CatalogClient, UpstreamError } from '../infra/catalog.client';
import { IngestClient, type IngestOutcome } from '../infra/ingest.client';
import { QuotaClient } from '../infra/quota.client';
import { v7 as uuidv7 } from 'uuid';

type Outcome =
  | { status: 'ACCEPTED'; image: Image }
  | { status: 'REJECTED'; detail: { code: string; parameters: Record<string, unknown> } };

export interface Caller {
  ownerId: string;
  plan: string;
}

/**
 * The gateway's part of the upload saga (DESIGN.md §2): check the mosaic, reserve, stream to
 * ingest, then wait — bounded — for the catalog's decision, and answer with the Image or the
 * error envelope of API.md.
 */
@Injectable()
export class UploadSaga {
  constructor(
    @Inject(CatalogClient) private readonly catalog: CatalogClient,
    @Inject(IngestClient) private readonly ingest: IngestClient,
    @Inject(QuotaClient) private readonly quota: QuotaClient,
    @Inject(PLAN_CATALOG) private readonly plans: PlanCatalog,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Refuses what cannot fit before reading a byte: the declared size alone can be too big for the
   * plan, or for the room left (MemoryLimitExceeded). Returns the upload id, which is also the
   * reservation's and, once accepted, the image's.
   */
  async prepare(caller: Caller, mosaicId: string, declaredBytes: number | null): Promise<string> {
    await this.catalog.request<Mosaic>('GET', `/internal/mosaics/${encodeURIComponent(mosaicId)}`, caller.ownerId);
    const plan = this.plans.plans.find((p) => p.id === caller.plan) ?? this.plans.plans[0];
    // Multipart framing adds a few hundred bytes around the file: allow for it.
    if (declaredBytes !== null && declaredBytes > plan.maxFileSizeBytes + 64 * 1024) {
      throw new DomainError('FileTooBig', { max_file_size: plan.maxFileSizeBytes, actual_file_size: declaredBytes });
    }
    const uploadId = uuidv7();
    // Without a declared size (chunked upload, link) the plan's largest file is held.
    await this.quota.reserve(caller.ownerId, uploadId, declaredBytes ?? plan.maxFileSizeBytes);
    return uploadId;
  }

  async upload(
    caller: Caller,
    target: { uploadId: string; mosaicId: string },
    filename: string,
    file: Readable,
    declaredBytes: number | null,
  ): Promise<Image> {
    const outcome = await this.reaching(caller, target.uploadId, () =>
      this.ingest.upload({ ...caller, ...target, filename, declaredBytes }, file),
    );
    return this.finish(caller, outcome);
  }

  async link(caller: Caller, target: { uploadId: string; mosaicId: string }, url: string): Promise<Image> {
    const outcome = await this.reaching(caller, target.uploadId, () =>
      this.ingest.linked({ ...caller, ...target }, url),
    );
    return this.finish(caller, outcome);
  }

  /**
   * Once ingest answered, its events settle the reservation. If it never did (unreachable, the
   * request failed on the way), nothing else will: give the reservation back here.
   */
  private async reaching(caller: Caller, uploadId: string, send: () => Promise<IngestOutcome>): Promise<IngestOutcome> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof UpstreamError)) await this.quota.release(caller.ownerId, uploadId).catch(() => undefined);
      throw error;
    }
  }

  private async finish(caller: Caller, outcome: IngestOutcome): Promise<Image> {
    if (outcome.status === 'REJECTED') throw new DomainError(outcome.code!, outcome.parameters ?? {});
    const decided = await this.waitForCatalog(caller.ownerId, outcome.uploadId);
    if (!decided) return this.stillValidating(outcome.uploadId);
    if (decided.status === 'REJECTED') {
      throw new UpstreamError(
        decided.detail.code === 'ItemNotFound' ? 404 : 400,
        decided.detail.code,
        decided.detail.parameters,
      );
    }
    return decided.image;
  }

  /** Polls the catalog with a growing interval, up to UPLOAD_WAIT_MS. */
  private async waitForCatalog(ownerId: string, uploadId: string): Promise<Outcome | null> {
    const deadline = Date.now() + this.config.UPLOAD_WAIT_MS;
    for (let delay = 25; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
      try {
        return await this.catalog.request<Outcome>('GET', `/internal/uploads/${uploadId}`, ownerId);
      } catch (error) {
        if (!(error instanceof UpstreamError) || error.code !== 'UploadPending') throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return null;
  }

  /** Past the wait the upload goes on; the client gets its id and can poll the image. */
  private stillValidating(uploadId: string): Image {
    return { id: uploadId, status: 'VALIDATING' } as Image;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { DomainError, type Image, type Mosaic } from '@mi/contracts';
import { PLAN_CATALOG, ServiceUnavailable, UpstreamError, type PlanCatalog } from '@mi/platform';
import { v7 as uuidv7 } from 'uuid';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { CatalogClient } from '../infra/catalog.client';
import { IngestClient, type IngestOutcome } from '../infra/ingest.client';
import { QuotaClient } from '../infra/quota.client';
import { validatingImage } from './validating-image';

type Outcome =
  | { status: 'ACCEPTED'; image: Image }
  | { status: 'REJECTED'; detail: { code: string; parameters: Record<string, unknown> } };

export interface Caller {
  ownerId: string;
  plan: string;
}

/**
 * One upload or link from its reservation on. The reservation is settled by ingest's and
 * catalog's events once ingest took the upload in (`handedOver`); before that, the saga itself
 * gives it back on any failure, so a refused or abandoned request never locks the user's room.
 */
export interface UploadAttempt {
  caller: Caller;
  uploadId: string;
  mosaicId: string;
  /** Room held; for an upload of unknown size, what was free (the upload is cut past it). */
  reservedBytes: number;
  sized: boolean;
  handedOver: boolean;
}

/** Multipart framing adds a few hundred bytes around the file: allow for it. */
const FRAMING_ALLOWANCE = 64 * 1024;

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
   * plan, or for the room left (MemoryLimitExceeded). Without a declared size (chunked), what is
   * free is held, up to the plan's largest file; the commit later counts the actual size.
   */
  async prepare(caller: Caller, mosaicId: string, declaredBytes: number | null): Promise<UploadAttempt> {
    await this.catalog.request<Mosaic>('GET', `/internal/mosaics/${encodeURIComponent(mosaicId)}`, caller.ownerId);
    const plan = this.plans.plans.find((p) => p.id === caller.plan) ?? this.plans.plans[0];
    if (declaredBytes !== null && declaredBytes > plan.maxFileSizeBytes + FRAMING_ALLOWANCE) {
      throw new DomainError('FileTooBig', { max_file_size: plan.maxFileSizeBytes, actual_file_size: declaredBytes });
    }
    const uploadId = uuidv7();
    const sized = declaredBytes !== null;
    const reservation = sized
      ? await this.quota.reserve(caller.ownerId, uploadId, declaredBytes)
      : await this.quota.reserve(caller.ownerId, uploadId, plan.maxFileSizeBytes, { upTo: true });
    return { caller, uploadId, mosaicId, reservedBytes: reservation.bytes, sized, handedOver: false };
  }

  /** Runs the rest of an attempt; a failure before ingest took it in releases its reservation. */
  async settle<T>(attempt: UploadAttempt, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!attempt.handedOver) {
        await this.quota.release(attempt.caller.ownerId, attempt.uploadId).catch(() => undefined);
      }
      throw error;
    }
  }

  async upload(attempt: UploadAttempt, filename: string, file: Readable, declaredBytes: number | null): Promise<Image> {
    const capped = attempt.sized ? null : new ReservationCap(attempt.reservedBytes);
    const body = capped ? file.pipe(capped) : file;
    if (capped) file.on('error', (error) => capped.destroy(error));
    const { caller, uploadId, mosaicId } = attempt;
    // Past what was free, the stream was cut: that is the room running out, not a broken upload.
    const roomRanOut = (error?: unknown) => {
      if (capped?.exceeded) throw new DomainError('MemoryLimitExceeded', capped.exceeded);
      if (error) throw error;
    };
    let outcome: IngestOutcome;
    try {
      outcome = await this.handOver(attempt, () =>
        this.ingest.upload({ ...caller, uploadId, mosaicId, filename, declaredBytes }, body),
      );
    } catch (error) {
      roomRanOut();
      // Ingest went away after it had the whole file: it may have validated it and died before
      // answering, and the catalog then decides as if it had answered. That decision, within the
      // wait, is the answer; a 503 would have the client send the file again (a second image).
      if (error instanceof ServiceUnavailable && body.readableEnded) return this.decidedWithoutIngest(attempt, error);
      throw error;
    }
    roomRanOut();
    return this.finish(attempt, outcome, filename);
  }

  /** The catalog's decision on an upload ingest did not answer for; `unanswered` if none comes within the wait. */
  private async decidedWithoutIngest(attempt: UploadAttempt, unanswered: ServiceUnavailable): Promise<Image> {
    const decided = await this.waitForCatalog(attempt.caller.ownerId, attempt.uploadId);
    if (!decided) throw unanswered;
    return this.answerOf(decided);
  }

  async link(attempt: UploadAttempt, url: string): Promise<Image> {
    const { caller, uploadId, mosaicId } = attempt;
    const outcome = await this.handOver(attempt, () => this.ingest.linked({ ...caller, uploadId, mosaicId }, url));
    return this.finish(attempt, outcome, url.split('/').pop() ?? '');
  }

  /**
   * Once ingest answered with an outcome, its events settle the reservation. If ingest became
   * unreachable mid-call it may have taken the upload in: its own sweep ends it, or the
   * reservation expires. Only its refusals of the request itself (4xx) leave it to us.
   */
  private async handOver(attempt: UploadAttempt, send: () => Promise<IngestOutcome>): Promise<IngestOutcome> {
    try {
      const outcome = await send();
      attempt.handedOver = true;
      return outcome;
    } catch (error) {
      if (error instanceof ServiceUnavailable) attempt.handedOver = true;
      throw error;
    }
  }

  private async finish(attempt: UploadAttempt, outcome: IngestOutcome, filename: string): Promise<Image> {
    if (outcome.status === 'REJECTED' && outcome.code === 'StorageUnavailable') {
      // Storage failed, not the file: the client comes back later (503). Ingest may not have
      // recorded the end yet (its sweep does once storage answers): the room is given back now.
      attempt.handedOver = false;
      throw new ServiceUnavailable('storage', 'the file could not be stored');
    }
    if (outcome.status === 'REJECTED') throw new DomainError(outcome.code!, outcome.parameters ?? {});
    const decided = await this.waitForCatalog(attempt.caller.ownerId, outcome.uploadId);
    if (!decided) {
      // Past the wait the upload goes on: the client gets the whole Image, VALIDATING, to poll.
      return validatingImage(outcome, this.config.PUBLIC_BASE_URL, filename);
    }
    return this.answerOf(decided);
  }

  private answerOf(decided: Outcome): Image {
    if (decided.status === 'REJECTED') {
      throw new UpstreamError(
        decided.detail.code === 'ItemNotFound' ? 404 : 400,
        decided.detail.code,
        decided.detail.parameters,
      );
    }
    return decided.image;
  }

  /**
   * Polls the catalog with a growing interval, up to UPLOAD_WAIT_MS. Ingest has taken the upload
   * in, so it goes on whatever the catalog's state: a catalog that does not answer (restarting)
   * is waited for like one still deciding, never answered as a 503 that would have the client
   * send the file again (a second image).
   */
  private async waitForCatalog(ownerId: string, uploadId: string): Promise<Outcome | null> {
    const deadline = Date.now() + this.config.UPLOAD_WAIT_MS;
    for (let delay = 25; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
      try {
        return await this.catalog.request<Outcome>('GET', `/internal/uploads/${uploadId}`, ownerId);
      } catch (error) {
        const pending = error instanceof UpstreamError && error.code === 'UploadPending';
        if (!pending && !(error instanceof ServiceUnavailable)) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return null;
  }
}

/** Passes bytes up to what the reservation holds, then fails the stream (and so the upload). */
class ReservationCap extends Transform {
  private bytes = 0;
  exceeded: { memory_requested: number; available_memory: number } | null = null;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      this.exceeded = { memory_requested: this.bytes, available_memory: this.limit };
      done(new Error('upload passed the room reserved for it'));
      return;
    }
    done(null, chunk);
  }
}

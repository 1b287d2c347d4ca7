import type { ImageValidated, IngestEvent } from '@mi/contracts';
import type { Decider } from '@mi/eventstore';

export type UploadStatus = 'NEW' | 'STARTED' | 'STORED' | 'VALIDATED' | 'REJECTED';

export interface Upload {
  status: UploadStatus;
  ref: { uploadId: string; mosaicId: string; ownerId: string; filename: string } | null;
  stored: { storageUri: string; fileSize: number; checksum: string } | null;
}

export const initialUpload: Upload = { status: 'NEW', ref: null, stored: null };

export interface StartUpload {
  type: 'StartUpload';
  uploadId: string;
  mosaicId: string;
  ownerId: string;
  filename: string;
  source: 'upload' | 'link';
  declaredBytes: number | null;
  now: Date;
}

export interface RecordStored {
  type: 'RecordStored';
  storageUri: string;
  fileSize: number;
  checksum: string;
  now: Date;
}

export interface RecordValidated {
  type: 'RecordValidated';
  metadata: ImageValidated['data']['metadata'];
  footprint: string;
  now: Date;
}

export interface RejectUpload {
  type: 'RejectUpload';
  code: string;
  parameters: Record<string, unknown>;
  fileSize: number | null;
  now: Date;
}

export type UploadCommand = StartUpload | RecordStored | RecordValidated | RejectUpload;

export class UploadStateConflict extends Error {
  constructor(command: string, status: UploadStatus) {
    super(`cannot ${command} an upload that is ${status}`);
  }
}

const TERMINAL: UploadStatus[] = ['VALIDATED', 'REJECTED'];

/**
 * An upload moves one way: started → stored → validated, or rejected from any non-terminal step.
 * A command arriving after the upload ended (a retry, a sweep racing the pipeline) changes nothing.
 */
export function decide(command: UploadCommand, state: Upload): IngestEvent[] {
  if (command.type !== 'StartUpload' && TERMINAL.includes(state.status)) return [];
  switch (command.type) {
    case 'StartUpload': {
      if (state.status !== 'NEW') return [];
      const { uploadId, mosaicId, ownerId, filename, source, declaredBytes, now } = command;
      const data = { uploadId, mosaicId, ownerId, filename, source, declaredBytes, startedAt: now.toISOString() };
      return [{ type: 'ingest.UploadStarted', data }];
    }
    case 'RecordStored': {
      if (state.status !== 'STARTED') throw new UploadStateConflict('store', state.status);
      const { storageUri, fileSize, checksum, now } = command;
      return [
        {
          type: 'ingest.ImageStored',
          data: { ...state.ref!, storageUri, fileSize, checksum, storedAt: now.toISOString() },
        },
      ];
    }
    case 'RecordValidated': {
      if (state.status !== 'STORED') throw new UploadStateConflict('validate', state.status);
      const { metadata, footprint, now } = command;
      const data = { ...state.ref!, ...state.stored!, metadata, footprint, validatedAt: now.toISOString() };
      return [{ type: 'ingest.ImageValidated', data }];
    }
    case 'RejectUpload': {
      if (state.status === 'NEW') throw new UploadStateConflict('reject', state.status);
      const { code, parameters, fileSize, now } = command;
      return [
        {
          type: 'ingest.UploadRejected',
          data: { ...state.ref!, code, parameters, fileSize, rejectedAt: now.toISOString() },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export function evolve(state: Upload, event: IngestEvent): Upload {
  switch (event.type) {
    case 'ingest.UploadStarted': {
      const { uploadId, mosaicId, ownerId, filename } = event.data;
      return { ...state, status: 'STARTED', ref: { uploadId, mosaicId, ownerId, filename } };
    }
    case 'ingest.ImageStored': {
      const { storageUri, fileSize, checksum } = event.data;
      return { ...state, status: 'STORED', stored: { storageUri, fileSize, checksum } };
    }
    case 'ingest.ImageValidated':
      return { ...state, status: 'VALIDATED' };
    case 'ingest.UploadRejected':
      return { ...state, status: 'REJECTED' };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const uploadDecider: Decider<UploadCommand, Upload, IngestEvent> = {
  decide,
  evolve,
  initialState: initialUpload,
};

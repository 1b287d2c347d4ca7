import type { BlockChoiceData, MultiPolygon, WorkflowDefData } from '@mi/contracts';
import type { z } from 'zod';

interface OnProcessing {
  processingId: string;
  now: Date;
}

/** A command of the owner's: a processing answers as not found to anyone else. */
interface ByOwner extends OnProcessing {
  ownerId: string;
}

export interface SourceImage {
  imageId: string;
  mosaicId: string;
  storageUri: string;
  crs: string;
  window: MultiPolygon;
}

/** Validated by the service (source, area, cost) and paid for (credits reserved) before it gets here. */
export interface CreateProcessing extends ByOwner {
  type: 'CreateProcessing';
  projectId: string;
  name: string;
  description: string | null;
  workflowDef: z.infer<typeof WorkflowDefData>;
  blocks: z.infer<typeof BlockChoiceData>[];
  source: { mosaicId: string | null; imageIds: string[] | null };
  images: SourceImage[];
  geometry: MultiPolygon;
  area: number;
  aoiCount: number;
  cost: number;
  reservationId: string;
  meta: Record<string, unknown>;
}

/** From a model worker, through processing.task-results. */
export interface RecordTaskProgress extends OnProcessing {
  type: 'RecordTaskProgress';
  taskId: string;
  percentCompleted: number;
}

export interface CompleteTask extends OnProcessing {
  type: 'CompleteTask';
  taskId: string;
  resultUri: string;
  featureCount: number;
}

export interface FailTask extends OnProcessing {
  type: 'FailTask';
  taskId: string;
  code: string;
  parameters: Record<string, unknown>;
}

/** A source image or mosaic was deleted under an unfinished processing. */
export interface LoseSource extends ByOwner {
  type: 'LoseSource';
  imageId: string | null;
  mosaicId: string;
}

export interface CancelProcessing extends ByOwner {
  type: 'CancelProcessing';
}

export interface RestartProcessing extends ByOwner {
  type: 'RestartProcessing';
  /** The credits reserved for this attempt. */
  reservationId: string;
}

export interface RenameProcessing extends ByOwner {
  type: 'RenameProcessing';
  name: string;
  description: string | null;
}

export interface DeleteProcessing extends ByOwner {
  type: 'DeleteProcessing';
}

export type ProcessingCommand =
  | CreateProcessing
  | RecordTaskProgress
  | CompleteTask
  | FailTask
  | LoseSource
  | CancelProcessing
  | RestartProcessing
  | RenameProcessing
  | DeleteProcessing;

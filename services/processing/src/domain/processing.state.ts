import type { ProcessingEvent } from '@mi/contracts';

export type TaskState = 'open' | 'succeeded';

export interface TaskEntry {
  imageId: string;
  state: TaskState;
  percentCompleted: number;
  resultUri: string | null;
}

/**
 * Where a processing is. API.md's statuses map from it: `queued` and `running` are IN_PROGRESS
 * (the QGIS plugin before its E3 versions refuses UNPROCESSED), the rest by name.
 */
export type ProcessingPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What the Processing aggregate needs to decide; the read model holds everything else. */
export interface Processing {
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  projectId: string | null;
  name: string;
  description: string | null;
  phase: ProcessingPhase;
  attempt: number;
  cost: number;
  reservationId: string;
  /** The current attempt's tasks; reports of an older attempt's tasks are ignored. */
  tasks: Record<string, TaskEntry>;
  imageIds: string[];
  mosaicIds: string[];
}

export type { ProcessingEvent };

export const initialProcessing: Processing = {
  exists: false,
  deleted: false,
  ownerId: null,
  projectId: null,
  name: '',
  description: null,
  phase: 'queued',
  attempt: 0,
  cost: 0,
  reservationId: '',
  tasks: {},
  imageIds: [],
  mosaicIds: [],
};

export const isFinished = (phase: ProcessingPhase) =>
  phase === 'succeeded' || phase === 'failed' || phase === 'cancelled';

function openTasks(tasks: { taskId: string; imageId: string }[]): Record<string, TaskEntry> {
  const entries = tasks.map((t) => [
    t.taskId,
    { imageId: t.imageId, state: 'open', percentCompleted: 0, resultUri: null },
  ]);
  return Object.fromEntries(entries) as Record<string, TaskEntry>;
}

function withTask(state: Processing, taskId: string, change: Partial<TaskEntry>): Processing {
  const task = state.tasks[taskId];
  return task ? { ...state, tasks: { ...state.tasks, [taskId]: { ...task, ...change } } } : state;
}

export function evolve(state: Processing, event: ProcessingEvent): Processing {
  switch (event.type) {
    case 'processing.ProcessingCreated': {
      const d = event.data;
      return {
        ...initialProcessing,
        exists: true,
        ownerId: d.ownerId,
        projectId: d.projectId,
        name: d.name,
        description: d.description,
        attempt: 1,
        cost: d.cost,
        reservationId: d.reservationId,
        tasks: openTasks(d.tasks),
        imageIds: d.images.map((i) => i.imageId),
        mosaicIds: [...new Set(d.images.map((i) => i.mosaicId))],
      };
    }
    case 'processing.TaskProgressed':
      return {
        ...withTask(state, event.data.taskId, { percentCompleted: event.data.percentCompleted }),
        phase: 'running',
      };
    case 'processing.TaskSucceeded':
      return withTask(state, event.data.taskId, {
        state: 'succeeded',
        percentCompleted: 100,
        resultUri: event.data.resultUri,
      });
    case 'processing.ProcessingSucceeded':
      return { ...state, phase: 'succeeded' };
    case 'processing.ProcessingFailed':
      return { ...state, phase: 'failed' };
    case 'processing.ProcessingCancelled':
      return { ...state, phase: 'cancelled' };
    case 'processing.ProcessingRestarted':
      return {
        ...state,
        phase: 'queued',
        attempt: event.data.attempt,
        reservationId: event.data.reservationId,
        tasks: openTasks(event.data.tasks),
      };
    case 'processing.ProcessingRenamed':
      return { ...state, name: event.data.name, description: event.data.description };
    case 'processing.ProcessingDeleted':
      return { ...state, deleted: true };
    default:
      return state;
  }
}

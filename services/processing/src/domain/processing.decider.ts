import type { Decider } from '@mi/eventstore';
import { normalizeDisplayText } from '@mi/contracts';
import type {
  CancelProcessing,
  CompleteTask,
  CreateProcessing,
  DeleteProcessing,
  FailTask,
  LoseSource,
  ProcessingCommand,
  RecordTaskProgress,
  RenameProcessing,
  RestartProcessing,
} from './processing.commands';
import { BadRequest, ProcessingAlreadyExists, ProcessingNotFound, ProcessingNotRestartable } from './processing.errors';
import { evolve, initialProcessing, isFinished, type Processing, type ProcessingEvent } from './processing.state';
import { statusOf } from './processing-status';

export * from './processing.commands';
export * from './processing.state';

export const MAX_NAME_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 4000;

/** A task is one image in one attempt: a job redelivered to another worker keeps its id. */
export function taskIdOf(processingId: string, attempt: number, imageId: string): string {
  return `${processingId}.${attempt}.${imageId}`;
}

export function normalizeTitle(name: string): string {
  const cleaned = normalizeDisplayText(name);
  if (cleaned.length === 0) throw new BadRequest('name', 'must not be empty');
  if (cleaned.length > MAX_NAME_LENGTH) throw new BadRequest('name', `must be at most ${MAX_NAME_LENGTH} characters`);
  return cleaned;
}

export function normalizeDescription(description: string | null): string | null {
  if (description === null) return null;
  const cleaned = normalizeDisplayText(description);
  if (cleaned.length > MAX_DESCRIPTION_LENGTH) {
    throw new BadRequest('description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  return cleaned.length === 0 ? null : cleaned;
}

function requireOwned(c: { processingId: string; ownerId: string }, state: Processing): void {
  if (!state.exists || state.deleted || state.ownerId !== c.ownerId) throw new ProcessingNotFound(c.processingId);
}

/** Reports from workers only count for a live attempt's open task; anything else is stale or redelivered. */
function openTask(state: Processing, taskId: string) {
  if (!state.exists || state.deleted || isFinished(state.phase)) return null;
  const task = state.tasks[taskId];
  return task && task.state === 'open' ? task : null;
}

function decideCreate(c: CreateProcessing, state: Processing): ProcessingEvent[] {
  if (state.exists) {
    // A create sent again (the gateway retrying after a timeout) is the same processing.
    if (state.ownerId === c.ownerId) return [];
    throw new ProcessingAlreadyExists(c.processingId);
  }
  const { now, type: _type, ...data } = c;
  const tasks = c.images.map((i) => ({ taskId: taskIdOf(c.processingId, 1, i.imageId), imageId: i.imageId }));
  const name = normalizeTitle(c.name);
  const description = normalizeDescription(c.description);
  return [
    {
      type: 'processing.ProcessingCreated',
      data: { ...data, name, description, tasks, createdAt: now.toISOString() },
    },
  ];
}

function decideProgress(c: RecordTaskProgress, state: Processing): ProcessingEvent[] {
  const task = openTask(state, c.taskId);
  // 100 % is the result written, which only CompleteTask says; progress never moves back.
  const percentCompleted = Math.min(99, Math.max(0, Math.floor(c.percentCompleted)));
  if (!task || percentCompleted <= task.percentCompleted) return [];
  const data = { processingId: c.processingId, ownerId: state.ownerId!, taskId: c.taskId, percentCompleted };
  return [{ type: 'processing.TaskProgressed', data }];
}

function decideComplete(c: CompleteTask, state: Processing): ProcessingEvent[] {
  if (!openTask(state, c.taskId)) return [];
  const completedAt = c.now.toISOString();
  const ref = { processingId: c.processingId, ownerId: state.ownerId! };
  const events: ProcessingEvent[] = [
    {
      type: 'processing.TaskSucceeded',
      data: { ...ref, taskId: c.taskId, resultUri: c.resultUri, featureCount: c.featureCount, completedAt },
    },
  ];
  const after = evolve(state, events[0]);
  const tasks = Object.values(after.tasks);
  if (tasks.every((t) => t.state === 'succeeded')) {
    const results = tasks.map((t) => t.resultUri!);
    events.push({
      type: 'processing.ProcessingSucceeded',
      data: { ...ref, reservationId: state.reservationId, cost: state.cost, results, completedAt },
    });
  }
  return events;
}

function failed(state: Processing, processingId: string, code: string, parameters: Record<string, unknown>, now: Date) {
  const data = {
    processingId,
    ownerId: state.ownerId!,
    reservationId: state.reservationId,
    messages: [{ code, parameters }],
    failedAt: now.toISOString(),
  };
  return [{ type: 'processing.ProcessingFailed' as const, data }];
}

function decideFailTask(c: FailTask, state: Processing): ProcessingEvent[] {
  if (!openTask(state, c.taskId)) return [];
  return failed(state, c.processingId, c.code, { ...c.parameters, imageId: state.tasks[c.taskId].imageId }, c.now);
}

function decideLoseSource(c: LoseSource, state: Processing): ProcessingEvent[] {
  if (!state.exists || state.deleted || isFinished(state.phase) || state.ownerId !== c.ownerId) return [];
  const uses = c.imageId === null ? state.mosaicIds.includes(c.mosaicId) : state.imageIds.includes(c.imageId);
  if (!uses) return [];
  return failed(state, c.processingId, 'SourceDeleted', { mosaicId: c.mosaicId, imageId: c.imageId }, c.now);
}

function cancelled(state: Processing, c: { processingId: string; now: Date }): ProcessingEvent {
  const data = {
    processingId: c.processingId,
    ownerId: state.ownerId!,
    reservationId: state.reservationId,
    cancelledAt: c.now.toISOString(),
  };
  return { type: 'processing.ProcessingCancelled', data };
}

function decideCancel(c: CancelProcessing, state: Processing): ProcessingEvent[] {
  requireOwned(c, state);
  return isFinished(state.phase) ? [] : [cancelled(state, c)];
}

function decideRestart(c: RestartProcessing, state: Processing): ProcessingEvent[] {
  requireOwned(c, state);
  if (state.phase !== 'failed') throw new ProcessingNotRestartable(c.processingId, statusOf(state.phase));
  const attempt = state.attempt + 1;
  const tasks = state.imageIds.map((imageId) => ({ taskId: taskIdOf(c.processingId, attempt, imageId), imageId }));
  const data = {
    processingId: c.processingId,
    ownerId: c.ownerId,
    attempt,
    reservationId: c.reservationId,
    tasks,
    restartedAt: c.now.toISOString(),
  };
  return [{ type: 'processing.ProcessingRestarted', data }];
}

function decideRename(c: RenameProcessing, state: Processing): ProcessingEvent[] {
  requireOwned(c, state);
  const name = normalizeTitle(c.name);
  const description = normalizeDescription(c.description);
  if (name === state.name && description === state.description) return [];
  const data = { processingId: c.processingId, ownerId: c.ownerId, name, description, renamedAt: c.now.toISOString() };
  return [{ type: 'processing.ProcessingRenamed', data }];
}

function decideDelete(c: DeleteProcessing, state: Processing): ProcessingEvent[] {
  requireOwned(c, state);
  const deleted: ProcessingEvent = {
    type: 'processing.ProcessingDeleted',
    data: {
      processingId: c.processingId,
      ownerId: c.ownerId,
      projectId: state.projectId!,
      deletedAt: c.now.toISOString(),
    },
  };
  return isFinished(state.phase) ? [deleted] : [cancelled(state, c), deleted];
}

export function decide(command: ProcessingCommand, state: Processing): ProcessingEvent[] {
  switch (command.type) {
    case 'CreateProcessing':
      return decideCreate(command, state);
    case 'RecordTaskProgress':
      return decideProgress(command, state);
    case 'CompleteTask':
      return decideComplete(command, state);
    case 'FailTask':
      return decideFailTask(command, state);
    case 'LoseSource':
      return decideLoseSource(command, state);
    case 'CancelProcessing':
      return decideCancel(command, state);
    case 'RestartProcessing':
      return decideRestart(command, state);
    case 'RenameProcessing':
      return decideRename(command, state);
    case 'DeleteProcessing':
      return decideDelete(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const processingDecider: Decider<ProcessingCommand, Processing, ProcessingEvent> = {
  decide,
  evolve,
  initialState: initialProcessing,
};

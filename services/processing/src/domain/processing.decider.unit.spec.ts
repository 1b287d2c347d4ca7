import { deciderSpec } from '@mi/testing';
import { readEnvelope } from '@mi/contracts';
import { processingDecider, taskIdOf, type CreateProcessing, type ProcessingEvent } from './processing.decider';
import { BadRequest, ProcessingAlreadyExists, ProcessingNotFound, ProcessingNotRestartable } from './processing.errors';

const given = deciderSpec(processingDecider);
const now = new Date('2026-12-06T10:00:00.000Z');
const at = now.toISOString();
const processingId = '0193a000-0000-7000-8000-000000000001';
const ownerId = 'alice@example.com';
const imageA = '0193a000-0000-7000-8000-00000000000a';
const imageB = '0193a000-0000-7000-8000-00000000000b';
const mosaicId = '0193a000-0000-7000-8000-0000000000aa';
const square = {
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [0, 1],
        [1, 1],
        [1, 0],
        [0, 0],
        [0, 1],
      ],
    ],
  ],
};
const [taskA, taskB] = [taskIdOf(processingId, 1, imageA), taskIdOf(processingId, 1, imageB)];

const create: CreateProcessing = {
  type: 'CreateProcessing',
  processingId,
  ownerId,
  now,
  projectId: '0193a000-0000-7000-8000-0000000000bb',
  name: '  Fields\u202e 2026 ',
  description: null,
  workflowDef: { id: 'model-1', name: 'Buildings', description: '', pricePerSqKm: 1 },
  blocks: [{ name: 'Simplification', displayName: 'Simplify polygons', enabled: true }],
  source: { mosaicId, imageIds: null },
  images: [imageA, imageB].map((imageId) => ({
    imageId,
    mosaicId,
    storageUri: `gs://b/${imageId}`,
    crs: 'EPSG:32637',
    window: square,
  })),
  geometry: square,
  area: 12_308_778_361,
  aoiCount: 1,
  cost: 12_309,
  reservationId: `${processingId}.1`,
  meta: { 'source-app': 'qgis' },
};

const ref = { processingId, ownerId };
const created: ProcessingEvent = {
  type: 'processing.ProcessingCreated',
  data: {
    ...ref,
    projectId: create.projectId,
    name: 'Fields 2026',
    description: null,
    workflowDef: create.workflowDef,
    blocks: create.blocks,
    source: create.source,
    images: create.images,
    geometry: square,
    area: create.area,
    aoiCount: 1,
    cost: create.cost,
    reservationId: create.reservationId,
    meta: create.meta,
    tasks: [
      { taskId: taskA, imageId: imageA },
      { taskId: taskB, imageId: imageB },
    ],
    createdAt: at,
  },
};
const progressed = (taskId: string, percentCompleted: number): ProcessingEvent => ({
  type: 'processing.TaskProgressed',
  data: { ...ref, taskId, percentCompleted },
});
const succeeded = (taskId: string): ProcessingEvent => ({
  type: 'processing.TaskSucceeded',
  data: { ...ref, taskId, resultUri: `gs://b/results/${taskId}.geojson`, featureCount: 3, completedAt: at },
});
const failed: ProcessingEvent = {
  type: 'processing.ProcessingFailed',
  data: {
    ...ref,
    reservationId: create.reservationId,
    messages: [{ code: 'ModelFailed', parameters: { reason: 'out of memory', imageId: imageA } }],
    failedAt: at,
  },
};
const cancelled: ProcessingEvent = {
  type: 'processing.ProcessingCancelled',
  data: { ...ref, reservationId: create.reservationId, cancelledAt: at },
};
const report = { processingId, now };

describe('Processing decider: creation', () => {
  it('creates a processing with one task per image, its name cleaned', () => {
    given().when(create).then([created]);
  });

  it('every event it emits is valid against its published schema', () => {
    const envelope = (e: ProcessingEvent) => ({
      eventId: '0193a000-0000-7000-8000-00000000ffff',
      type: e.type,
      schemaVersion: 1,
      streamId: processingId,
      streamType: 'Processing',
      version: 1,
      occurredAt: at,
      correlationId: 'c',
      causationId: null,
      actor: ownerId,
      data: e.data,
    });
    for (const event of [created, progressed(taskA, 5), succeeded(taskA), failed, cancelled]) {
      expect(() => readEnvelope(envelope(event))).not.toThrow();
    }
  });

  it('is the same processing when the create comes again, and refuses the id to anyone else', () => {
    given(created).when(create).then([]);
    given(created)
      .when({ ...create, ownerId: 'bob@example.com' })
      .thenThrows(ProcessingAlreadyExists);
  });

  it('refuses a name that is empty once cleaned, naming the field', () => {
    given()
      .when({ ...create, name: ' \u0000\u202e ' })
      .thenThrows(BadRequest, { field: 'name', reason: 'must not be empty' });
  });
});

describe('Processing decider: tasks reported by the model workers', () => {
  it('records progress that moves forward, and ignores what moves back or comes again', () => {
    given(created)
      .when({ type: 'RecordTaskProgress', ...report, taskId: taskA, percentCompleted: 40 })
      .then([progressed(taskA, 40)]);
    given(created, progressed(taskA, 40))
      .when({ type: 'RecordTaskProgress', ...report, taskId: taskA, percentCompleted: 40 })
      .then([]);
    given(created, progressed(taskA, 40))
      .when({ type: 'RecordTaskProgress', ...report, taskId: taskA, percentCompleted: 20 })
      .then([]);
  });

  it('keeps 100 % for a written result: progress stops at 99', () => {
    given(created)
      .when({ type: 'RecordTaskProgress', ...report, taskId: taskA, percentCompleted: 100 })
      .then([progressed(taskA, 99)]);
  });

  it('succeeds once every task of the attempt has its result, charging the reserved cost', () => {
    const complete = (taskId: string) => ({
      type: 'CompleteTask' as const,
      ...report,
      taskId,
      resultUri: `gs://b/results/${taskId}.geojson`,
      featureCount: 3,
    });
    given(created)
      .when(complete(taskA))
      .then([succeeded(taskA)]);
    given(created, succeeded(taskA))
      .when(complete(taskB))
      .then([
        succeeded(taskB),
        {
          type: 'processing.ProcessingSucceeded',
          data: {
            ...ref,
            reservationId: create.reservationId,
            cost: create.cost,
            results: [`gs://b/results/${taskA}.geojson`, `gs://b/results/${taskB}.geojson`],
            completedAt: at,
          },
        },
      ]);
  });

  it('takes a result delivered twice (a worker killed after writing it) once', () => {
    const complete = {
      type: 'CompleteTask' as const,
      ...report,
      taskId: taskA,
      resultUri: 'gs://b/x',
      featureCount: 3,
    };
    given(created, succeeded(taskA)).when(complete).then([]);
  });

  it('fails on a failed task, naming the image, and ignores every later report', () => {
    const fail = {
      type: 'FailTask' as const,
      ...report,
      taskId: taskA,
      code: 'ModelFailed',
      parameters: { reason: 'out of memory' },
    };
    given(created).when(fail).then([failed]);
    given(created, failed).when(fail).then([]);
    given(created, failed)
      .when({ type: 'CompleteTask', ...report, taskId: taskB, resultUri: 'gs://b/x', featureCount: 1 })
      .then([]);
    given(created, failed)
      .when({ type: 'RecordTaskProgress', ...report, taskId: taskB, percentCompleted: 50 })
      .then([]);
  });

  it("ignores reports of another attempt's tasks and of tasks it never had", () => {
    const stale = taskIdOf(processingId, 0, imageA);
    given(created)
      .when({ type: 'CompleteTask', ...report, taskId: stale, resultUri: 'gs://b/x', featureCount: 1 })
      .then([]);
    given(created)
      .when({ type: 'RecordTaskProgress', ...report, taskId: 'nonsense', percentCompleted: 5 })
      .then([]);
  });

  it('ignores reports for a processing that does not exist', () => {
    given()
      .when({ type: 'RecordTaskProgress', ...report, taskId: taskA, percentCompleted: 5 })
      .then([]);
  });
});

describe('Processing decider: the owner', () => {
  it('cancels an unfinished processing, releasing its credits; a finished one stays as it is', () => {
    given(created)
      .when({ type: 'CancelProcessing', ...ref, now })
      .then([cancelled]);
    given(created, failed)
      .when({ type: 'CancelProcessing', ...ref, now })
      .then([]);
  });

  it('deletes a finished processing, and cancels an unfinished one first', () => {
    const deleted: ProcessingEvent = {
      type: 'processing.ProcessingDeleted',
      data: { ...ref, projectId: create.projectId, deletedAt: at },
    };
    given(created, failed)
      .when({ type: 'DeleteProcessing', ...ref, now })
      .then([deleted]);
    given(created)
      .when({ type: 'DeleteProcessing', ...ref, now })
      .then([cancelled, deleted]);
    given(created, failed, deleted)
      .when({ type: 'DeleteProcessing', ...ref, now })
      .thenThrows(ProcessingNotFound);
  });

  it('restarts a failed processing with new tasks and a new reservation, and nothing else', () => {
    const restart = { type: 'RestartProcessing' as const, ...ref, now, reservationId: `${processingId}.2` };
    given(created, failed)
      .when(restart)
      .then([
        {
          type: 'processing.ProcessingRestarted',
          data: {
            ...ref,
            attempt: 2,
            reservationId: `${processingId}.2`,
            tasks: [
              { taskId: taskIdOf(processingId, 2, imageA), imageId: imageA },
              { taskId: taskIdOf(processingId, 2, imageB), imageId: imageB },
            ],
            restartedAt: at,
          },
        },
      ]);
    given(created).when(restart).thenThrows(ProcessingNotRestartable, { processingId, status: 'IN_PROGRESS' });
    given(created, cancelled).when(restart).thenThrows(ProcessingNotRestartable, { processingId, status: 'CANCELLED' });
  });

  it('after a restart, takes reports of the new tasks only', () => {
    const restarted: ProcessingEvent = {
      type: 'processing.ProcessingRestarted',
      data: { ...ref, attempt: 2, reservationId: 'r2', tasks: [{ taskId: 'new', imageId: imageA }], restartedAt: at },
    };
    given(created, failed, restarted)
      .when({ type: 'CompleteTask', ...report, taskId: taskA, resultUri: 'gs://b/x', featureCount: 1 })
      .then([]);
    given(created, failed, restarted)
      .when({ type: 'CompleteTask', ...report, taskId: 'new', resultUri: 'gs://b/y', featureCount: 1 })
      .then([
        {
          type: 'processing.TaskSucceeded',
          data: { ...ref, taskId: 'new', resultUri: 'gs://b/y', featureCount: 1, completedAt: at },
        },
        {
          type: 'processing.ProcessingSucceeded',
          data: { ...ref, reservationId: 'r2', cost: create.cost, results: ['gs://b/y'], completedAt: at },
        },
      ]);
  });

  it('renames with a cleaned name, and changes nothing when nothing changes', () => {
    given(created)
      .when({ type: 'RenameProcessing', ...ref, now, name: 'Roofs', description: ' east ' })
      .then([
        { type: 'processing.ProcessingRenamed', data: { ...ref, name: 'Roofs', description: 'east', renamedAt: at } },
      ]);
    given(created)
      .when({ type: 'RenameProcessing', ...ref, now, name: 'Fields 2026', description: null })
      .then([]);
  });

  it("answers another user's processing as not found, for every command of the owner", () => {
    const bob = { processingId, ownerId: 'bob@example.com', now };
    given(created)
      .when({ type: 'CancelProcessing', ...bob })
      .thenThrows(ProcessingNotFound, { processingId });
    given(created)
      .when({ type: 'DeleteProcessing', ...bob })
      .thenThrows(ProcessingNotFound, { processingId });
    given(created, failed)
      .when({ type: 'RestartProcessing', ...bob, reservationId: 'r' })
      .thenThrows(ProcessingNotFound);
    given(created)
      .when({ type: 'RenameProcessing', ...bob, name: 'x', description: null })
      .thenThrows(ProcessingNotFound);
  });
});

describe('Processing decider: sources deleted underneath', () => {
  it('fails an unfinished processing whose image or whole mosaic went away', () => {
    const lost = (imageId: string | null) => ({ type: 'LoseSource' as const, ...ref, now, mosaicId, imageId });
    const sourceDeleted = (imageId: string | null): ProcessingEvent => ({
      type: 'processing.ProcessingFailed',
      data: {
        ...ref,
        reservationId: create.reservationId,
        messages: [{ code: 'SourceDeleted', parameters: { mosaicId, imageId } }],
        failedAt: at,
      },
    });
    given(created)
      .when(lost(imageB))
      .then([sourceDeleted(imageB)]);
    given(created)
      .when(lost(null))
      .then([sourceDeleted(null)]);
  });

  it('leaves a finished processing, and one that never used the source, as they are', () => {
    const other = '0193a000-0000-7000-8000-0000000000ff';
    given(created)
      .when({ type: 'LoseSource', ...ref, now, mosaicId: other, imageId: null })
      .then([]);
    given(created)
      .when({ type: 'LoseSource', ...ref, now, mosaicId, imageId: other })
      .then([]);
    given(created, failed)
      .when({ type: 'LoseSource', ...ref, now, mosaicId, imageId: imageA })
      .then([]);
  });
});

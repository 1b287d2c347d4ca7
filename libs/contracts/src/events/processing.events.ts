import { z } from 'zod';
import { TOPICS } from '../topics';
import { defineEvent, type DomainEventOf } from './event-definition';

// Two stream types on processing.events. A Project (a folder of processings; every user has a
// default one). A Processing: created with its source, area and cost already decided (credits
// are reserved before it exists), then one task per image that meets the area, run by model
// workers, and one outcome: succeeded, failed or cancelled. A failed one may be restarted (a
// new attempt with new tasks); any one may be deleted.

const Position = z.array(z.number()).min(2).max(3).describe('[longitude, latitude]');
const Ring = z.array(Position).min(4);

/** GeoJSON MultiPolygon in EPSG:4326 (lon, lat), as RFC 7946 writes it. */
export const MultiPolygonData = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});

const ProjectRef = { projectId: z.uuid(), ownerId: z.string().min(1) };

export const ProjectCreatedV1 = defineEvent({
  type: 'processing.ProjectCreated',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: "A user's folder of processings was created (the default one on first use).",
  schema: z.object({
    ...ProjectRef,
    name: z.string().min(1).max(255),
    description: z.string().max(4000).nullable(),
    isDefault: z.boolean(),
    createdAt: z.iso.datetime(),
  }),
});

export const ProjectUpdatedV1 = defineEvent({
  type: 'processing.ProjectUpdated',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A project got a new name or description.',
  schema: z.object({
    ...ProjectRef,
    name: z.string().min(1).max(255),
    description: z.string().max(4000).nullable(),
    updatedAt: z.iso.datetime(),
  }),
});

export const ProjectDeletedV1 = defineEvent({
  type: 'processing.ProjectDeleted',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A project was deleted; its processings are deleted with it.',
  schema: z.object({ ...ProjectRef, deletedAt: z.iso.datetime() }),
});

/** A model ("workflow definition") as the processing was priced and run with. */
export const WorkflowDefData = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  pricePerSqKm: z.number().nonnegative(),
});

export const BlockChoiceData = z.object({ name: z.string().min(1), displayName: z.string(), enabled: z.boolean() });

/** One image of the source and the part of the processed area it covers: one task per attempt. */
export const SourceImageData = z.object({
  imageId: z.uuid(),
  mosaicId: z.uuid(),
  storageUri: z.string().describe('gs://bucket/key of the original'),
  crs: z.string(),
  window: MultiPolygonData.describe('the processed area within this image, EPSG:4326'),
});

export const TaskData = z.object({ taskId: z.string().min(1), imageId: z.uuid() });

export const MessageData = z.object({ code: z.string().min(1), parameters: z.record(z.string(), z.unknown()) });

const ProcessingRef = { processingId: z.uuid(), ownerId: z.string().min(1) };

export const ProcessingCreatedV1 = defineEvent({
  type: 'processing.ProcessingCreated',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A processing was validated, its credits reserved, and its first tasks queued for the model workers.',
  schema: z.object({
    ...ProcessingRef,
    projectId: z.uuid(),
    name: z.string().min(1).max(255),
    description: z.string().max(4000).nullable(),
    workflowDef: WorkflowDefData,
    blocks: z.array(BlockChoiceData),
    source: z.object({ mosaicId: z.uuid().nullable(), imageIds: z.array(z.uuid()).nullable() }),
    images: z.array(SourceImageData).min(1),
    geometry: MultiPolygonData.describe('the AOI clipped to the imagery'),
    area: z.number().int().nonnegative().describe('geodesic area of geometry, m²'),
    aoiCount: z.number().int().positive(),
    cost: z.number().int().nonnegative(),
    reservationId: z.string().min(1).describe('the credits reservation in the quota ledger'),
    meta: z.record(z.string(), z.unknown()),
    tasks: z.array(TaskData).min(1),
    createdAt: z.iso.datetime(),
  }),
});

export const TaskProgressedV1 = defineEvent({
  type: 'processing.TaskProgressed',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A model worker reported how far a task has come.',
  schema: z.object({
    ...ProcessingRef,
    taskId: z.string().min(1),
    percentCompleted: z.number().int().min(0).max(100),
  }),
});

export const TaskSucceededV1 = defineEvent({
  type: 'processing.TaskSucceeded',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: "A task's result (a GeoJSON FeatureCollection in EPSG:4326) was written.",
  schema: z.object({
    ...ProcessingRef,
    taskId: z.string().min(1),
    resultUri: z.string().describe('gs://bucket/key of the task result'),
    featureCount: z.number().int().nonnegative(),
    completedAt: z.iso.datetime(),
  }),
});

export const ProcessingSucceededV1 = defineEvent({
  type: 'processing.ProcessingSucceeded',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'Every task of the attempt succeeded: the reserved credits are charged.',
  schema: z.object({
    ...ProcessingRef,
    reservationId: z.string().min(1),
    cost: z.number().int().nonnegative(),
    results: z.array(z.string()).describe('task result URIs, merged into one FeatureCollection on read'),
    completedAt: z.iso.datetime(),
  }),
});

export const ProcessingFailedV1 = defineEvent({
  type: 'processing.ProcessingFailed',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A task failed or a source went away: the reserved credits are released.',
  schema: z.object({
    ...ProcessingRef,
    reservationId: z.string().min(1),
    messages: z.array(MessageData).min(1),
    failedAt: z.iso.datetime(),
  }),
});

export const ProcessingCancelledV1 = defineEvent({
  type: 'processing.ProcessingCancelled',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'An unfinished processing was stopped by its owner: its tasks stop, its credits are released.',
  schema: z.object({ ...ProcessingRef, reservationId: z.string().min(1), cancelledAt: z.iso.datetime() }),
});

export const ProcessingRestartedV1 = defineEvent({
  type: 'processing.ProcessingRestarted',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A failed processing runs again: credits reserved anew, new tasks queued.',
  schema: z.object({
    ...ProcessingRef,
    attempt: z.number().int().min(2),
    reservationId: z.string().min(1),
    tasks: z.array(TaskData).min(1),
    restartedAt: z.iso.datetime(),
  }),
});

export const ProcessingRenamedV1 = defineEvent({
  type: 'processing.ProcessingRenamed',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A processing got a new name or description.',
  schema: z.object({
    ...ProcessingRef,
    name: z.string().min(1).max(255),
    description: z.string().max(4000).nullable(),
    renamedAt: z.iso.datetime(),
  }),
});

export const ProcessingDeletedV1 = defineEvent({
  type: 'processing.ProcessingDeleted',
  schemaVersion: 1,
  topic: TOPICS.processingEvents,
  summary: 'A processing and its results were deleted (an unfinished one is cancelled first).',
  schema: z.object({ ...ProcessingRef, projectId: z.uuid(), deletedAt: z.iso.datetime() }),
});

export const PROCESSING_EVENTS = [
  ProjectCreatedV1,
  ProjectUpdatedV1,
  ProjectDeletedV1,
  ProcessingCreatedV1,
  TaskProgressedV1,
  TaskSucceededV1,
  ProcessingSucceededV1,
  ProcessingFailedV1,
  ProcessingCancelledV1,
  ProcessingRestartedV1,
  ProcessingRenamedV1,
  ProcessingDeletedV1,
] as const;

export type ProjectCreated = DomainEventOf<typeof ProjectCreatedV1>;
export type ProjectUpdated = DomainEventOf<typeof ProjectUpdatedV1>;
export type ProjectDeleted = DomainEventOf<typeof ProjectDeletedV1>;
export type ProjectEvent = ProjectCreated | ProjectUpdated | ProjectDeleted;

export type ProcessingCreated = DomainEventOf<typeof ProcessingCreatedV1>;
export type TaskProgressed = DomainEventOf<typeof TaskProgressedV1>;
export type TaskSucceeded = DomainEventOf<typeof TaskSucceededV1>;
export type ProcessingSucceeded = DomainEventOf<typeof ProcessingSucceededV1>;
export type ProcessingFailed = DomainEventOf<typeof ProcessingFailedV1>;
export type ProcessingCancelled = DomainEventOf<typeof ProcessingCancelledV1>;
export type ProcessingRestarted = DomainEventOf<typeof ProcessingRestartedV1>;
export type ProcessingRenamed = DomainEventOf<typeof ProcessingRenamedV1>;
export type ProcessingDeleted = DomainEventOf<typeof ProcessingDeletedV1>;
export type ProcessingEvent =
  | ProcessingCreated
  | TaskProgressed
  | TaskSucceeded
  | ProcessingSucceeded
  | ProcessingFailed
  | ProcessingCancelled
  | ProcessingRestarted
  | ProcessingRenamed
  | ProcessingDeleted;

export type MultiPolygon = z.infer<typeof MultiPolygonData>;

import { z } from 'zod';
import type { Envelope } from '../envelope';

/** One event type at one schema version: its payload schema and the topic it travels on. */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  type: TType;
  schemaVersion: number;
  topic: string;
  summary: string;
  schema: TSchema;
}

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
): EventDefinition<TType, TSchema> {
  return definition;
}

/** The domain event a decider emits: a type and its payload, before it gets an envelope. */
export type DomainEventOf<D> =
  D extends EventDefinition<infer TType, infer TSchema> ? { type: TType; data: z.infer<TSchema> } : never;

export type EnvelopeOf<D> =
  D extends EventDefinition<infer TType, infer TSchema> ? Envelope<z.infer<TSchema>, TType> : never;

import { z } from 'zod';

/** The wrapper of every event on every topic (DESIGN.md §3). `data` is checked per event type. */
export const EnvelopeSchema = z.object({
  eventId: z.uuid().describe('UUIDv7, unique per event; consumers deduplicate on it'),
  type: z
    .string()
    .regex(/^[a-z-]+\.[A-Z][A-Za-z]+$/)
    .describe('<service>.<PastTenseName>'),
  schemaVersion: z.number().int().positive(),
  streamId: z.string().min(1).describe('aggregate id; also the Kafka message key'),
  streamType: z.string().min(1),
  version: z.number().int().positive().describe('position of the event in its stream, from 1'),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
  actor: z.string().nullable(),
  data: z.unknown(),
});

export type Envelope<TData = unknown, TType extends string = string> = Omit<
  z.infer<typeof EnvelopeSchema>,
  'data' | 'type'
> & { type: TType; data: TData };

/** Who and why, carried from the HTTP request into every event it causes and back out of Kafka. */
export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  actor: string | null;
}

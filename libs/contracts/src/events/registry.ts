import type { z } from 'zod';
import { EnvelopeSchema, type Envelope } from '../envelope';
import { CATALOG_EVENTS } from './catalog.events';
import type { EventDefinition } from './event-definition';
import { IDENTITY_EVENTS } from './identity.events';
import { INGEST_EVENTS } from './ingest.events';
import { PREVIEWS_EVENTS } from './previews.events';
import { PROCESSING_EVENTS } from './processing.events';
import { QUOTA_EVENTS } from './quota.events';

/** Every event type and version we publish. The AsyncAPI document is generated from this list. */
export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  ...CATALOG_EVENTS,
  ...IDENTITY_EVENTS,
  ...INGEST_EVENTS,
  ...QUOTA_EVENTS,
  ...PREVIEWS_EVENTS,
  ...PROCESSING_EVENTS,
];

/** Turns the payload of `type` at `fromVersion` into the shape of `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast: (data: unknown) => unknown;
}

/** Upcasters for every retired schema version; empty while every event is at its first version. */
export const UPCASTERS: readonly Upcaster[] = [];

export class UnknownEventType extends Error {
  constructor(readonly type: string) {
    super(`unknown event type ${type}`);
  }
}

export class InvalidEvent extends Error {
  constructor(
    readonly reason: string,
    readonly issues: z.core.$ZodIssue[] = [],
  ) {
    super(reason);
  }
}

/**
 * Builds the reader that validates a received envelope and brings its payload up to the newest
 * schema version, so handlers only ever see the current shape.
 */
export function createEventReader(
  definitions: readonly EventDefinition[],
  upcasters: readonly Upcaster[],
): (raw: unknown) => Envelope {
  const latest = new Map<string, EventDefinition>();
  for (const d of definitions) {
    if ((latest.get(d.type)?.schemaVersion ?? 0) < d.schemaVersion) latest.set(d.type, d);
  }
  return (raw) => {
    const parsed = EnvelopeSchema.safeParse(raw);
    if (!parsed.success) throw new InvalidEvent('not an event envelope', parsed.error.issues);
    const envelope = parsed.data as Envelope;
    const definition = latest.get(envelope.type);
    if (!definition) throw new UnknownEventType(envelope.type);
    if (envelope.schemaVersion > definition.schemaVersion) {
      throw new InvalidEvent(`${envelope.type} v${envelope.schemaVersion} is newer than this reader`);
    }
    let { data, schemaVersion } = envelope;
    while (schemaVersion < definition.schemaVersion) {
      const step = upcasters.find((u) => u.type === envelope.type && u.fromVersion === schemaVersion);
      if (!step) throw new InvalidEvent(`no upcaster for ${envelope.type} v${schemaVersion}`);
      data = step.upcast(data);
      schemaVersion += 1;
    }
    const payload = definition.schema.safeParse(data);
    if (!payload.success) throw new InvalidEvent(`invalid ${envelope.type} payload`, payload.error.issues);
    return { ...envelope, schemaVersion, data: payload.data };
  };
}

export const readEnvelope = createEventReader(EVENT_DEFINITIONS, UPCASTERS);

/** The newest definition of an event type: what a writer must produce today. */
export function currentDefinitionOf(type: string): EventDefinition {
  let current: EventDefinition | undefined;
  for (const d of EVENT_DEFINITIONS) {
    if (d.type === type && (current?.schemaVersion ?? 0) < d.schemaVersion) current = d;
  }
  if (!current) throw new UnknownEventType(type);
  return current;
}

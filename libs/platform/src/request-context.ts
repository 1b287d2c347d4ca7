import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@mi/contracts';

/**
 * Who is acting and on behalf of which request, for the duration of one HTTP request or one
 * consumed event. Logs read it; new events copy it into their metadata.
 */
export interface RequestContext {
  correlationId: string;
  causationId: string | null;
  actor: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The metadata for events caused by the current request or event (a fresh correlation if none). */
export function eventMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const context = storage.getStore();
  return {
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId ?? null,
    actor: context?.actor ?? null,
    ...overrides,
  };
}

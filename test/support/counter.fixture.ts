import { createEventReader, defineEvent, type EventDefinition } from '@mi/contracts';
import type { Decider } from '@mi/eventstore';
import { z } from 'zod';

/** A tiny aggregate for testing the event-sourcing machinery itself, apart from any domain. */
export const CounterIncrementedV1 = defineEvent({
  type: 'test.CounterIncremented',
  schemaVersion: 1,
  topic: 'test.events',
  summary: 'test only',
  schema: z.object({ by: z.number().int(), total: z.number().int() }),
});

export const counterDefinitions: EventDefinition[] = [CounterIncrementedV1];
export const counterDefinitionOf = (type: string) => {
  const found = counterDefinitions.find((d) => d.type === type);
  if (!found) throw new Error(`unknown ${type}`);
  return found;
};
export const readCounterEvent = createEventReader(counterDefinitions, []);

type CounterEvent = { type: 'test.CounterIncremented'; data: { by: number; total: number } };

export const counterDecider: Decider<{ by: number }, { total: number }, CounterEvent> = {
  initialState: { total: 0 },
  decide: (command, state) => [
    { type: 'test.CounterIncremented', data: { by: command.by, total: state.total + command.by } },
  ],
  evolve: (_state, event) => ({ total: event.data.total }),
};

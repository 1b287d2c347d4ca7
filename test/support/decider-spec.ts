import type { Decider } from '@mi/eventstore';

/**
 * Given/when/then for deciders (STYLE.md): `given(...events).when(command).then(events)` or
 * `.thenThrows(ErrorClass, parameters)`. The state is built with the decider's own `evolve`.
 */
export function deciderSpec<C, S, E extends { type: string; data: unknown }>(decider: Decider<C, S, E>) {
  return function given(...events: E[]) {
    const state = events.reduce(decider.evolve, decider.initialState);
    return {
      when: (command: C) => ({
        then: (expected: E[]) => expect(decider.decide(command, state)).toEqual(expected),
        thenThrows: (error: abstract new (...args: never[]) => Error, parameters?: Record<string, unknown>) => {
          let thrown: unknown;
          try {
            decider.decide(command, state);
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(error);
          if (parameters) expect((thrown as { parameters?: unknown }).parameters).toEqual(parameters);
        },
      }),
    };
  };
}

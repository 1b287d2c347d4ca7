/**
 * A write model as three pure functions (DESIGN.md §3): `decide` turns a command into events or
 * throws a domain error, `evolve` folds an event into state. No I/O, no clock, no random ids:
 * those arrive on the command.
 */
export interface Decider<TCommand, TState, TEvent extends { type: string; data: unknown }> {
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState: TState;
}

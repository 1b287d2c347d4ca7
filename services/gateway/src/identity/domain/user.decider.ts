import type { PlanChanged, UserRegistered } from '@mi/contracts';
import type { Decider } from '@mi/eventstore';
import { BadRequest, UserAlreadyExists, UserNotFound } from './user.errors';

export const MAX_EMAIL_LENGTH = 254;

/**
 * One `@`, no whitespace and no `:` anywhere: the token is base64("<email>:<secret>") and is
 * split at the first colon. Dotless domains (`ops@localhost`) are valid addresses and stay legal.
 */
const EMAIL = /^[^\s@:]+@[^\s@:.]+(\.[^\s@:.]+)*$/;

export interface User {
  exists: boolean;
  email: string | null;
  plan: string | null;
}

export type UserEvent = UserRegistered | PlanChanged;

export interface RegisterUser {
  type: 'RegisterUser';
  email: string;
  plan: string;
  now: Date;
}

/** Carries the email (the stream id) so a missing user can be named in the error. */
export interface ChangePlan {
  type: 'ChangePlan';
  email: string;
  plan: string;
  now: Date;
}

export type UserCommand = RegisterUser | ChangePlan;

export const initialUser: User = { exists: false, email: null, plan: null };

/**
 * The user id and stream id: trimmed and lower-cased, so `Alice@X.org ` and `alice@x.org` are one
 * stream and the event store's unique commit id refuses a second registration, across replicas.
 */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > MAX_EMAIL_LENGTH) {
    throw new BadRequest('email', `must be at most ${MAX_EMAIL_LENGTH} characters`);
  }
  if (!EMAIL.test(normalized)) throw new BadRequest('email', 'must be an email address');
  return normalized;
}

function checkPlan(plan: string, knownPlans: readonly string[]): string {
  if (!knownPlans.includes(plan)) {
    throw new BadRequest('plan', `unknown plan "${plan}" (known: ${knownPlans.join(', ')})`);
  }
  return plan;
}

function decideRegister(command: RegisterUser, state: User, knownPlans: readonly string[]): UserEvent[] {
  const email = normalizeEmail(command.email);
  const plan = checkPlan(command.plan, knownPlans);
  if (state.exists) throw new UserAlreadyExists(email);
  return [
    {
      type: 'identity.UserRegistered',
      data: { userId: email, email, plan, registeredAt: command.now.toISOString() },
    },
  ];
}

function decideChangePlan(command: ChangePlan, state: User, knownPlans: readonly string[]): UserEvent[] {
  const plan = checkPlan(command.plan, knownPlans);
  if (!state.exists) throw new UserNotFound(normalizeEmail(command.email));
  const email = state.email!;
  // Setting the plan a user already has is a no-op, not an event consumers must react to.
  if (state.plan === plan) return [];
  return [
    {
      type: 'identity.PlanChanged',
      data: { userId: email, email, plan, previousPlan: state.plan!, changedAt: command.now.toISOString() },
    },
  ];
}

export function evolve(state: User, event: UserEvent): User {
  switch (event.type) {
    case 'identity.UserRegistered':
      return { exists: true, email: event.data.email, plan: event.data.plan };
    case 'identity.PlanChanged':
      return { ...state, plan: event.data.plan };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${String((unknown as { type: unknown }).type)}`);
    }
  }
}

/**
 * The User aggregate. Plans are data (config/plans.json), so the decider is built from the ids
 * of the catalog in force; it stays pure: the ids are given, never read.
 */
export function userDecider(knownPlans: readonly string[]): Decider<UserCommand, User, UserEvent> {
  return {
    decide(command, state) {
      switch (command.type) {
        case 'RegisterUser':
          return decideRegister(command, state, knownPlans);
        case 'ChangePlan':
          return decideChangePlan(command, state, knownPlans);
        default: {
          const unknown: never = command;
          throw new Error(`unknown command ${String((unknown as { type: unknown }).type)}`);
        }
      }
    },
    evolve,
    initialState: initialUser,
  };
}

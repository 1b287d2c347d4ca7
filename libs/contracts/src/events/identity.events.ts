import { z } from 'zod';
import { TOPICS } from '../topics';
import { defineEvent, type DomainEventOf } from './event-definition';

// Other teams (quota first) read this topic: it carries who exists and on which plan, never a
// credential. API tokens live only in the gateway's own database.

/** The user id is the email, trimmed and lower-cased: one stream per address. */
const UserId = z.string().min(3).max(254);
const PlanId = z.string().min(1).max(64);

export const UserRegisteredV1 = defineEvent({
  type: 'identity.UserRegistered',
  schemaVersion: 1,
  topic: TOPICS.identityEvents,
  summary: 'An operator registered a user on a plan (its id is the normalized email).',
  schema: z.object({
    userId: UserId,
    email: UserId,
    plan: PlanId,
    registeredAt: z.iso.datetime(),
  }),
});

export const PlanChangedV1 = defineEvent({
  type: 'identity.PlanChanged',
  schemaVersion: 1,
  topic: TOPICS.identityEvents,
  summary: "A user's plan changed; the plan catalog gives its storage and file limits.",
  schema: z.object({
    userId: UserId,
    email: UserId,
    plan: PlanId,
    previousPlan: PlanId,
    changedAt: z.iso.datetime(),
  }),
});

export const IDENTITY_EVENTS = [UserRegisteredV1, PlanChangedV1] as const;

export type UserRegistered = DomainEventOf<typeof UserRegisteredV1>;
export type PlanChanged = DomainEventOf<typeof PlanChangedV1>;
export type IdentityEvent = UserRegistered | PlanChanged;

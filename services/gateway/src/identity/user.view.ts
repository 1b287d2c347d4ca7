import type { EnvelopeOf, Envelope, PlanChangedV1, UserRegisteredV1 } from '@mi/contracts';

/** A row of the users read model: `_id` is the email (the user id), plus the version applied. */
export interface UserView {
  _id: string;
  email: string;
  plan: string;
  registeredAt: string;
  version: number;
}

/** What callers of identity see of a user. */
export interface UserProfile {
  email: string;
  plan: string;
  registeredAt: string;
}

type UserRegisteredEnvelope = EnvelopeOf<typeof UserRegisteredV1>;
type PlanChangedEnvelope = EnvelopeOf<typeof PlanChangedV1>;

/**
 * Folds one identity event into the view; pure, so replaying the topic rebuilds the same rows.
 * Returns the view unchanged for events that do not concern it (or a plan change of a row that is
 * not there: the registration must come first, and per-stream order guarantees it does).
 */
export function projectUser(view: UserView | null, event: Envelope): UserView | null {
  switch (event.type) {
    case 'identity.UserRegistered': {
      const { data } = event as UserRegisteredEnvelope;
      return {
        _id: data.userId,
        email: data.email,
        plan: data.plan,
        registeredAt: data.registeredAt,
        version: event.version,
      };
    }
    case 'identity.PlanChanged': {
      const { data } = event as PlanChangedEnvelope;
      return view && { ...view, plan: data.plan, version: event.version };
    }
    default:
      return view;
  }
}

export function toUserProfile(view: UserView): UserProfile {
  return { email: view.email, plan: view.plan, registeredAt: view.registeredAt };
}

import type { Envelope } from '@mi/contracts';
import { projectUser, toUserProfile, type UserView } from './user.view';

const email = 'alice@example.com';

function anEvent(type: string, version: number, data: unknown): Envelope {
  return {
    eventId: '0195f0a0-0000-7000-8000-000000000001',
    type,
    schemaVersion: 1,
    streamId: email,
    streamType: 'User',
    version,
    occurredAt: '2026-11-25T10:00:00.000Z',
    correlationId: 'c-1',
    causationId: null,
    actor: 'admin-cli',
    data,
  };
}

const registered = anEvent('identity.UserRegistered', 1, {
  userId: email,
  email,
  plan: 'free',
  registeredAt: '2026-11-25T10:00:00.000Z',
});
const row: UserView = { _id: email, email, plan: 'free', registeredAt: '2026-11-25T10:00:00.000Z', version: 1 };

describe('users projection', () => {
  it('adds a row for a registered user, keyed by email', () => {
    expect(projectUser(null, registered)).toEqual(row);
  });

  it('moves the plan and the version on a plan change, keeping the registration time', () => {
    const changed = anEvent('identity.PlanChanged', 2, {
      userId: email,
      email,
      plan: 'premium',
      previousPlan: 'free',
      changedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(projectUser(row, changed)).toEqual({ ...row, plan: 'premium', version: 2 });
  });

  it('makes no row out of a plan change alone', () => {
    const changed = anEvent('identity.PlanChanged', 2, { userId: email, email, plan: 'premium', previousPlan: 'free' });
    expect(projectUser(null, changed)).toBeNull();
  });

  it('leaves the row alone for events it does not know', () => {
    expect(projectUser(row, anEvent('identity.SomethingElse', 2, {}))).toBe(row);
  });

  it('shows callers email, plan and registration time only', () => {
    expect(toUserProfile(row)).toEqual({ email, plan: 'free', registeredAt: row.registeredAt });
  });
});

import { BadRequest } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import { normalizeEmail, userDecider, type ChangePlan, type RegisterUser, type UserEvent } from './user.decider';
import { UserAlreadyExists, UserNotFound } from './user.errors';

const now = new Date('2026-11-25T10:00:00.000Z');
const later = new Date('2026-12-01T08:30:00.000Z');
const email = 'alice@example.com';

const given = deciderSpec(userDecider(['free', 'premium', 'business']));

const register = (overrides: Partial<RegisterUser> = {}): RegisterUser => ({
  type: 'RegisterUser',
  email,
  plan: 'free',
  now,
  ...overrides,
});

const changePlan = (overrides: Partial<ChangePlan> = {}): ChangePlan => ({
  type: 'ChangePlan',
  email,
  plan: 'premium',
  now: later,
  ...overrides,
});

const registered = (plan = 'free'): UserEvent => ({
  type: 'identity.UserRegistered',
  data: { userId: email, email, plan, registeredAt: now.toISOString() },
});

const planChanged = (previousPlan: string, plan: string): UserEvent => ({
  type: 'identity.PlanChanged',
  data: { userId: email, email, plan, previousPlan, changedAt: later.toISOString() },
});

describe('User decider: register', () => {
  it('registers a user on the plan of the command, the email being the user id', () => {
    given().when(register()).then([registered()]);
  });

  it('trims and lower-cases the email, so one address is one user', () => {
    given()
      .when(register({ email: '  Alice@Example.COM ' }))
      .then([registered()]);
  });

  it('registers on any plan of the catalog', () => {
    given()
      .when(register({ plan: 'business' }))
      .then([registered('business')]);
  });

  it.each([['not-an-email'], [''], ['   '], ['a@b@c'], ['al ice@example.com'], ['alice@'], ['@example.com']])(
    'rejects the invalid email %j with BadRequest naming the field',
    (invalid) => {
      given()
        .when(register({ email: invalid }))
        .thenThrows(BadRequest, { field: 'email', reason: expect.any(String) });
    },
  );

  it('rejects an email with a colon: the token splits email and secret at the first colon', () => {
    given()
      .when(register({ email: 'ali:ce@example.com' }))
      .thenThrows(BadRequest, { field: 'email', reason: expect.any(String) });
  });

  it('rejects an email longer than 254 characters', () => {
    given()
      .when(register({ email: `${'a'.repeat(243)}@example.com` }))
      .thenThrows(BadRequest, { field: 'email', reason: expect.any(String) });
  });

  it('rejects a plan the catalog does not know with BadRequest naming the field', () => {
    given()
      .when(register({ plan: 'gold' }))
      .thenThrows(BadRequest, { field: 'plan', reason: expect.stringContaining('gold') });
  });

  it('refuses to register an existing user, whatever the case of the address', () => {
    given(registered())
      .when(register({ email: 'ALICE@example.com', plan: 'premium' }))
      .thenThrows(UserAlreadyExists, { email });
  });
});

describe('User decider: change plan', () => {
  it('moves a user to another plan, naming the previous one', () => {
    given(registered())
      .when(changePlan())
      .then([planChanged('free', 'premium')]);
  });

  it('starts from the plan the last change left', () => {
    given(registered(), planChanged('free', 'premium'))
      .when(changePlan({ plan: 'business' }))
      .then([planChanged('premium', 'business')]);
  });

  it('decides nothing when the user already has the plan', () => {
    given(registered('premium')).when(changePlan()).then([]);
  });

  it('refuses to change the plan of a user nobody registered', () => {
    given().when(changePlan()).thenThrows(UserNotFound, { email });
  });

  it('rejects a plan the catalog does not know with BadRequest naming the field', () => {
    given(registered())
      .when(changePlan({ plan: 'gold' }))
      .thenThrows(BadRequest, { field: 'plan', reason: expect.stringContaining('gold') });
  });
});

describe('normalizeEmail', () => {
  it('accepts a dotless domain, as operators use for local accounts', () => {
    expect(normalizeEmail('Ops@Localhost')).toBe('ops@localhost');
  });

  it('keeps dots and plus signs in the local part', () => {
    expect(normalizeEmail('first.last+imagery@sub.example.org')).toBe('first.last+imagery@sub.example.org');
  });

  it('rejects an empty domain label', () => {
    expect(() => normalizeEmail('alice@example..com')).toThrow(BadRequest);
  });
});

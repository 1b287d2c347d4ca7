import { parseAdminCommand, UsageError, wantsHelp } from './admin-command';

describe('admin command line', () => {
  it.each([
    [
      ['user', 'create', '--email', 'a@b.org', '--plan', 'premium', '--json'],
      { name: 'user create', email: 'a@b.org', plan: 'premium', json: true },
    ],
    [['user', 'create', '--email=a@b.org'], { name: 'user create', email: 'a@b.org', plan: undefined, json: false }],
    [['user', 'list', '--json'], { name: 'user list', json: true }],
    [['token', 'create', '--email', 'a@b.org'], { name: 'token create', email: 'a@b.org', json: false }],
    [['token', 'revoke', '--token', 'dG9r'], { name: 'token revoke', token: 'dG9r' }],
    [
      ['plan', 'set', '--email', 'a@b.org', '--plan', 'business'],
      { name: 'plan set', email: 'a@b.org', plan: 'business' },
    ],
  ])('reads %j', (argv, expected) => {
    expect(parseAdminCommand(argv)).toEqual(expected);
  });

  it.each([
    [[], 'no command'],
    [['user'], 'unknown command "user"'],
    [['users', 'list'], 'unknown command "users list"'],
    [['user', 'create'], '--email is required'],
    [['user', 'create', '--email', '  '], '--email is required'],
    [['user', 'create', '--email', 'a@b.org', '--plan', ''], '--plan is required'],
    [['plan', 'set', '--email', 'a@b.org'], '--plan is required'],
    [['token', 'revoke', '--token', 't', '--json'], "Unknown option '--json'"],
    [['user', 'list', 'extra'], 'extra'],
    [['user', 'create', '--email'], "Option '--email <value>' argument missing"],
  ])('refuses %j as bad usage', (argv, message) => {
    expect(() => parseAdminCommand(argv)).toThrow(UsageError);
    expect(() => parseAdminCommand(argv)).toThrow(message);
  });

  it('recognises a request for help', () => {
    expect(wantsHelp(['help'])).toBe(true);
    expect(wantsHelp(['user', 'create', '--help'])).toBe(true);
    expect(wantsHelp(['user', 'list'])).toBe(false);
  });
});

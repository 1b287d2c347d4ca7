import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

export type AdminCommand =
  | { name: 'user create'; email: string; plan: string | undefined; json: boolean }
  | { name: 'user list'; json: boolean }
  | { name: 'token create'; email: string; json: boolean }
  | { name: 'token revoke'; token: string }
  | { name: 'plan set'; email: string; plan: string };

/** The command line is wrong: the CLI prints the usage and exits 2. */
export class UsageError extends Error {}

export const USAGE = `usage: admin.cli.js <command> [options]

  user create --email <email> [--plan <plan>] [--json]   register a user and issue its first API token
  user list [--json]                                     every user and their plan
  token create --email <email> [--json]                  issue another API token for a user
  token revoke --token <token | token id>                revoke an API token
  plan set --email <email> --plan <plan>                 move a user to another plan

--json prints one JSON line on stdout. Errors: one line on stderr, exit 1; bad usage: exit 2.
Environment: MONGO_URL, KAFKA_BROKERS (required); MONGO_DATABASE (gateway), KAFKA_TOPIC_PREFIX,
PLANS_FILE (config/plans.json), OUTBOX_SWEEP_MS, LOG_LEVEL (warn), as the gateway uses them.`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

const COMMANDS: Record<string, { options: ParseArgsOptionsConfig; build: (values: Values) => AdminCommand }> = {
  'user create': {
    options: { email: text, plan: text, json: flag },
    build: (v) => ({
      name: 'user create',
      email: required(v, 'email'),
      plan: v.plan === undefined ? undefined : required(v, 'plan'),
      json: v.json === true,
    }),
  },
  'user list': { options: { json: flag }, build: (v) => ({ name: 'user list', json: v.json === true }) },
  'token create': {
    options: { email: text, json: flag },
    build: (v) => ({ name: 'token create', email: required(v, 'email'), json: v.json === true }),
  },
  'token revoke': {
    options: { token: text },
    build: (v) => ({ name: 'token revoke', token: required(v, 'token') }),
  },
  'plan set': {
    options: { email: text, plan: text },
    build: (v) => ({ name: 'plan set', email: required(v, 'email'), plan: required(v, 'plan') }),
  },
};

export function wantsHelp(argv: string[]): boolean {
  return argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
}

/** `user create --email a@b --json` → the command; anything else → UsageError. */
export function parseAdminCommand(argv: string[]): AdminCommand {
  if (argv.length === 0) throw new UsageError('no command');
  const [noun = '', verb = '', ...rest] = argv;
  const command = COMMANDS[`${noun} ${verb}`];
  if (!command) throw new UsageError(`unknown command "${`${noun} ${verb}`.trim()}"`);
  let values: Values;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return command.build(values);
}

import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { TOPICS } from '@mi/contracts';
import { OutboxRelay } from '@mi/eventstore';
import { createKafka, ensureTopics } from '@mi/messaging';
import { PinoNestLogger, runInContext } from '@mi/platform';
import pino, { type Logger } from 'pino';
import { normalizeEmail } from '../identity/domain/user.decider';
import { IdentityService } from '../identity/identity.service';
import { loadAdminConfig } from './admin.config';
import { parseAdminCommand, USAGE, UsageError, wantsHelp, type AdminCommand } from './admin-command';
import { AdminModule } from './admin.module';

// The operators' way to manage users, tokens and plans, for people and scripts alike:
//   node dist/services/gateway/src/admin/admin.cli.js user create --email alice@example.com --json
// stdout carries only the answer (one JSON line with --json); logs and errors go to stderr.

interface Outcome {
  output: string;
  /** The stream the command appended to, if any: published before the process exits. */
  streamId: string | null;
}

async function run(identity: IdentityService, command: AdminCommand): Promise<Outcome> {
  switch (command.name) {
    case 'user create': {
      const user = await identity.registerUser(command.email, command.plan);
      const token = await identity.issueToken(user.email);
      return {
        output: command.json
          ? JSON.stringify({ email: user.email, token })
          : `created user ${user.email} on plan ${user.plan}; token: ${token}`,
        streamId: user.email,
      };
    }
    case 'user list': {
      const users = await identity.listUsers();
      const lines = users.map((u) => `${u.email}\t${u.plan}\t${u.registeredAt}`);
      return { output: command.json ? JSON.stringify(users) : lines.join('\n') || 'no users', streamId: null };
    }
    case 'token create': {
      const token = await identity.issueToken(command.email);
      const email = normalizeEmail(command.email);
      return {
        output: command.json ? JSON.stringify({ email, token }) : `token for ${email}: ${token}`,
        streamId: null,
      };
    }
    case 'token revoke':
      await identity.revokeToken(command.token);
      return { output: 'token revoked', streamId: null };
    case 'plan set': {
      const user = await identity.changePlan(command.email, command.plan);
      return { output: `user ${user.email} is on plan ${user.plan}`, streamId: user.email };
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { name: unknown }).name)}`);
    }
  }
}

/** Synchronous writes to fd 2, so nothing is lost when the process exits right after. */
function stderrLogger(level: string): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'gateway-admin' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // kafkajs warns about its own defaults on every connect (partitioner, idempotent retries):
      // in a one-shot command those lines only bury the answer, so it speaks from error up.
      onChild: (child) => {
        if (child.bindings().component === 'kafkajs' && child.levelVal < pino.levels.values.error) {
          child.level = 'error';
        }
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
  // Node prints process warnings itself; route them through the log instead, minus kafkajs 2.2's
  // negative request-queue timeout on Node 24 (harmless, printed on every run).
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'TimeoutNegativeWarning') logger.warn({ warning: warning.message }, warning.name);
  });
  return logger;
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let command: AdminCommand;
  try {
    command = parseAdminCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadAdminConfig();
  const logger = stderrLogger(config.LOG_LEVEL);
  if (command.name === 'user create' || command.name === 'plan set') {
    // The append publishes at once: on a fresh cluster the topic must exist by then, or Kafka
    // auto-creates it with one partition. Made before the app starts, so this does not race the
    // app's own check. Kafka being down is no reason to refuse the command: the outbox catches up.
    const topic = `${config.KAFKA_TOPIC_PREFIX}${TOPICS.identityEvents}`;
    await ensureTopics(createKafka('gateway-admin', config.KAFKA_BROKERS, logger), [topic]).catch((error) =>
      logger.warn({ err: error, topic }, 'cannot ensure the events topic'),
    );
  }
  // abortOnError off: a database that cannot be reached is reported as one line, not an abort.
  const app = await NestFactory.createApplicationContext(AdminModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  try {
    const context = { correlationId: randomUUID(), causationId: null, actor: 'admin-cli' };
    const { output, streamId } = await runInContext(context, () => run(app.get(IdentityService), command));
    if (streamId) {
      // The events are committed either way; if Kafka is unreachable now, the gateway's outbox
      // sweep publishes them later, so this is a warning and not a failure.
      await app
        .get(OutboxRelay)
        .publishStream(streamId)
        .catch((error) => logger.warn({ err: error, streamId }, 'events committed but not yet published'));
    }
    process.stdout.write(`${output}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);

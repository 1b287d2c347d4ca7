import type { DynamicModule } from '@nestjs/common';
import { TOPICS } from '@mi/contracts';
import { EventSourcingModule } from '@mi/eventstore';
import type { Logger } from 'pino';
import { IdentityModule } from './identity.module';

export interface IdentityWriteSideConfig {
  MONGO_URL: string;
  MONGO_DATABASE: string;
  KAFKA_BROKERS: string[];
  KAFKA_TOPIC_PREFIX: string;
  OUTBOX_SWEEP_MS: number;
  PLANS_FILE: string;
  /** The gateway's AUTH_REVOCATION_CHECK_MS; the admin CLI serves no requests and leaves it out. */
  AUTH_REVOCATION_CHECK_MS?: number;
}

/** The gateway's identity write side, shared by the HTTP server and the admin CLI. */
export function identityWriteSide(config: IdentityWriteSideConfig, logger: Logger): DynamicModule[] {
  const identityEvents = `${config.KAFKA_TOPIC_PREFIX}${TOPICS.identityEvents}`;
  return [
    EventSourcingModule.forService('gateway', config, logger, { events: identityEvents, consumes: [] }),
    IdentityModule.forRoot({ plansFile: config.PLANS_FILE, revocationCheckMs: config.AUTH_REVOCATION_CHECK_MS }),
  ];
}

import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { identityWriteSide } from '../identity/identity-write-side';
import type { AdminConfig } from './admin.config';

/** The gateway's identity write side, without HTTP: same database, same `identity.events`. */
@Module({})
export class AdminModule {
  static forRoot(config: AdminConfig, logger: Logger): DynamicModule {
    return { module: AdminModule, imports: identityWriteSide(config, logger) };
  }
}

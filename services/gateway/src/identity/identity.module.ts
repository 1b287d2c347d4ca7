import { Module, type DynamicModule } from '@nestjs/common';
import { ApiTokensRepository } from './api-tokens.repository';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { IdentityService } from './identity.service';
import { loadPlanCatalog, PLAN_CATALOG } from '@mi/platform';
import { UsersRepository } from './users.repository';

/**
 * Users and API tokens. Relies on the global EventSourcingModule (MONGO_DB, MongoEventStore,
 * OutboxRelay), which its importer configures with `identity.events` as the events topic.
 * Every query is a primary-key lookup, except the operators' user list and the revocation check
 * (indexed on `revokedAt` by its repository).
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        // Read once: a missing or broken catalog stops start-up with the file's path.
        { provide: PLAN_CATALOG, useFactory: () => loadPlanCatalog(options.plansFile) },
        UsersRepository,
        ApiTokensRepository,
        IdentityService,
      ],
      exports: [IdentityService, PLAN_CATALOG],
    };
  }
}

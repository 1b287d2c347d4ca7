import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS, subscriptionOf } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { loadPlanCatalog, ObservabilityModule, PLAN_CATALOG, type HealthCheck } from '@mi/platform';
import type { Logger } from 'pino';
import { AccountCommands } from './account-commands.service';
import { AccountsViewConsumer } from './accounts-view/accounts-view.consumer';
import { AccountsRepository } from './accounts-view/accounts.repository';
import { MemoryController } from './accounts-view/memory.controller';
import { ExpireReservationsSweep } from './expire-reservations/expire-reservations.sweep';
import { AccountPlans } from './plans/account-plans';
import { QUOTA_CONFIG, type QuotaConfig } from './quota.config';
import { ReserveStorageController } from './reserve-storage/reserve-storage.controller';
import { AccountsConsumer } from './storage-reactions/accounts.consumer';
import { StorageLedgerConsumer } from './storage-reactions/storage-ledger.consumer';
import { UploadRejectionsConsumer } from './storage-reactions/upload-rejections.consumer';

/** Topic names as this deployment sees them (a prefix lets test runs share one cluster). */
export function quotaTopics(config: QuotaConfig) {
  const p = config.KAFKA_TOPIC_PREFIX;
  return {
    events: `${p}${TOPICS.quotaEvents}`,
    accounts: subscriptionOf(p, TOPICS.identityEvents, CONSUMER_GROUPS.quotaAccounts),
    uploadRejections: subscriptionOf(p, TOPICS.ingestEvents, CONSUMER_GROUPS.quotaUploadRejections),
    storageLedger: subscriptionOf(p, TOPICS.catalogEvents, CONSUMER_GROUPS.quotaStorageLedger),
    accountsView: subscriptionOf(p, TOPICS.quotaEvents, CONSUMER_GROUPS.quotaAccountsView),
  };
}

@Module({})
export class QuotaModule {
  static forRoot(config: QuotaConfig, logger: Logger): DynamicModule {
    const topics = quotaTopics(config);
    return {
      module: QuotaModule,
      imports: [
        EventSourcingModule.forService('quota', config, logger, {
          events: topics.events,
          consumes: [topics.accounts, topics.uploadRejections, topics.storageLedger, topics.accountsView],
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH],
          useFactory: (checks: HealthCheck[]) => checks,
        }),
      ],
      controllers: [
        MemoryController,
        ReserveStorageController,
        AccountsConsumer,
        UploadRejectionsConsumer,
        StorageLedgerConsumer,
        AccountsViewConsumer,
      ],
      providers: [
        { provide: QUOTA_CONFIG, useValue: config },
        { provide: PLAN_CATALOG, useFactory: () => loadPlanCatalog(config.PLANS_FILE) },
        AccountPlans,
        AccountsRepository,
        AccountCommands,
        ExpireReservationsSweep,
      ],
    };
  }
}

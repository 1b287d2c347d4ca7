import { Inject, Injectable } from '@nestjs/common';
import { PLAN_CATALOG, type Plan, type PlanCatalog } from '@mi/platform';
import type { PlanLimit } from '../domain/account.commands';

/** The plan catalog as quota reads it: limits are data, handed to the decider on each command. */
@Injectable()
export class AccountPlans {
  constructor(@Inject(PLAN_CATALOG) private readonly catalog: PlanCatalog) {}

  /** A plan id the catalog no longer knows falls back to the default plan's limits. */
  planOf(planId: string | null): Plan {
    return (
      this.catalog.plans.find((p) => p.id === planId) ??
      this.catalog.plans.find((p) => p.id === this.catalog.defaultPlan)!
    );
  }

  limitOf(planId: string): PlanLimit {
    return { plan: planId, limitBytes: this.planOf(planId).storageLimitBytes };
  }

  defaultPlan(): PlanLimit {
    return this.limitOf(this.catalog.defaultPlan);
  }
}

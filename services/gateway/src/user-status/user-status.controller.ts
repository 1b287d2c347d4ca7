import { Controller, Get, Inject, Req, UseGuards } from '@nestjs/common';
import { PLAN_CATALOG, type PlanCatalog } from '@mi/platform';
import { TokenGuard, type AuthenticatedRequest } from '../auth/token.guard';
import { MODEL_CATALOG, type Model } from '@mi/platform';

/**
 * `GET /rest/user/status`: who the caller is and what their plan allows, the way the QGIS
 * plugin reads it at login. `aoiAreaLimit` is in m² (the plugin multiplies by 1e-6 for km²).
 */
@Controller('rest/user/status')
@UseGuards(TokenGuard)
export class UserStatusController {
  constructor(
    @Inject(PLAN_CATALOG) private readonly plans: PlanCatalog,
    @Inject(MODEL_CATALOG) private readonly models: Model[],
  ) {}

  @Get()
  get(@Req() request: AuthenticatedRequest) {
    const plan = this.plans.plans.find((p) => p.id === request.plan) ?? this.plans.plans[0];
    return {
      email: request.ownerId,
      memoryLimit: plan.storageLimitBytes,
      models: this.models.map(({ id, name, description, pricePerSqKm, blocks }) => ({
        id,
        name,
        description,
        pricePerSqKm,
        blocks: blocks.map((b) => ({ name: b.name, displayName: b.displayName, optional: b.optional, price: b.price })),
      })),
      // Processing is not billed yet: no credits to spend, none to show.
      billingType: 'NONE',
      remainingCredits: 0,
      aoiAreaLimit: plan.processing.aoiAreaLimitM2,
      maxAoisPerProcessing: plan.processing.maxAoisPerProcessing,
      plan: plan.id,
    };
  }
}

import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { Owner } from '../auth/owner.decorator';
import { TokenGuard } from '../auth/token.guard';
import { QuotaClient, type Memory } from '../infra/quota.client';

/**
 * `GET /rest/rasters/memory`: limit, used, free, reserved and the plan's file limits. Reservations
 * show at once; commits and frees once quota has read the catalog's event (about a second).
 */
@Controller('rest/rasters/memory')
@UseGuards(TokenGuard)
export class MemoryController {
  constructor(@Inject(QuotaClient) private readonly quota: QuotaClient) {}

  @Get()
  get(@Owner() ownerId: string): Promise<Memory> {
    return this.quota.memory(ownerId);
  }
}

import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Envelope } from '@mi/contracts';
import { MosaicsRepository } from './mosaics.repository';

/** Keeps the mosaics read model up to date from `catalog.events` (and rebuilds it on replay). */
@Controller()
export class MosaicsViewConsumer {
  constructor(private readonly mosaics: MosaicsRepository) {}

  @EventPattern('catalog.MosaicCreated')
  onMosaicCreated(@Payload() event: Envelope) {
    return this.mosaics.apply(event);
  }
}

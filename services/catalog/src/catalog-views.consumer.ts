import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CATALOG_EVENTS, type Envelope } from '@mi/contracts';
import { ImagesRepository } from './images-view/images.repository';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';
import { UploadOutcomesRepository } from './upload-outcomes/upload-outcomes.repository';

/**
 * Keeps the mosaics and images read models up to date from `catalog.events`; replaying the topic
 * from the beginning rebuilds them (see rebuild-views.cli.ts).
 */
@Controller()
export class CatalogViewsConsumer {
  constructor(
    @Inject(MosaicsRepository) private readonly mosaics: MosaicsRepository,
    @Inject(ImagesRepository) private readonly images: ImagesRepository,
    @Inject(UploadOutcomesRepository) private readonly outcomes: UploadOutcomesRepository,
  ) {}

  @EventPattern(CATALOG_EVENTS.map((d) => d.type))
  async onCatalogEvent(@Payload() event: Envelope) {
    const outcomes = [
      await this.mosaics.apply(event),
      await this.images.apply(event),
      await this.outcomes.apply(event),
    ];
    if (outcomes.includes('applied')) return 'applied';
    return outcomes.includes('skipped-duplicate') ? 'skipped-duplicate' : 'ignored';
  }
}

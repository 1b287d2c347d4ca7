import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CATALOG_EVENTS, type Envelope } from '@mi/contracts';
import { CatalogViews } from './catalog-views.service';

/**
 * A catalog event on the topic that the catalog's own store does not hold (yet): never marked
 * applied; thrown so the consumer retries it, and dead-letters it if it never turns up.
 */
export class EventNotInStore extends Error {
  constructor(event: Envelope) {
    super(`catalog event ${event.streamId}@${event.version} is not in the event store`);
  }
}

/**
 * Keeps the mosaics, images and upload-outcomes read models up to date from `catalog.events`.
 * A delivered event only says which stream moved: the views catch that stream up from the
 * catalog's own store, so an event the inline apply missed is applied here before the one that
 * came after it, and a redelivered one finds nothing new.
 */
@Controller()
export class CatalogViewsConsumer {
  constructor(@Inject(CatalogViews) private readonly views: CatalogViews) {}

  @EventPattern(CATALOG_EVENTS.map((d) => d.type))
  async onCatalogEvent(@Payload() event: Envelope): Promise<'applied' | 'skipped-duplicate'> {
    const { applied, version } = await this.views.catchUp(event.streamId);
    if (version < event.version) throw new EventNotInStore(event);
    return applied > 0 ? 'applied' : 'skipped-duplicate';
  }
}

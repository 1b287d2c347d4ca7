import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS, CONSUMER_GROUPS, subscriptionOf } from '@mi/contracts';
import { EVENT_SOURCING_HEALTH, EventSourcingModule } from '@mi/eventstore';
import { ObservabilityModule, type HealthCheck } from '@mi/platform';
import type { Logger } from 'pino';
import { CATALOG_CONFIG, type CatalogConfig } from './catalog.config';
import { AttachImageConsumer } from './attach-image/attach-image.consumer';
import { CatalogViewsConsumer } from './catalog-views.consumer';
import { CatalogViews } from './catalog-views.service';
import { UploadOutcomesController } from './upload-outcomes/upload-outcomes.controller';
import { UploadOutcomesRepository } from './upload-outcomes/upload-outcomes.repository';
import { ImagesViewController } from './images-view/images-view.controller';
import { ImagePreviewsConsumer } from './images-view/image-previews.consumer';
import { ImagesRepository } from './images-view/images.repository';
import { ManageImagesController } from './manage-images/manage-images.controller';
import { ManageMosaicsController } from './manage-mosaics/manage-mosaics.controller';
import { MosaicCommands } from './mosaic-commands.service';
import { MosaicsViewController } from './mosaics-view/mosaics-view.controller';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';

/** Topic names as this deployment sees them (a prefix lets test runs share one cluster). */
export function catalogTopics(config: CatalogConfig) {
  const p = config.KAFKA_TOPIC_PREFIX;
  return {
    events: `${p}${TOPICS.catalogEvents}`,
    views: subscriptionOf(p, TOPICS.catalogEvents, CONSUMER_GROUPS.catalogMosaicsView),
    attachImages: subscriptionOf(p, TOPICS.ingestEvents, CONSUMER_GROUPS.catalogAttachImages),
    previews: subscriptionOf(p, TOPICS.previewsEvents, CONSUMER_GROUPS.catalogPreviews),
  };
}

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogConfig, logger: Logger): DynamicModule {
    const topics = catalogTopics(config);
    return {
      module: CatalogModule,
      imports: [
        EventSourcingModule.forService('catalog', config, logger, {
          events: topics.events,
          consumes: [topics.views, topics.attachImages, topics.previews],
        }),
        ObservabilityModule.forRoot({
          inject: [EVENT_SOURCING_HEALTH],
          useFactory: (checks: HealthCheck[]) => checks,
        }),
      ],
      controllers: [
        ManageMosaicsController,
        MosaicsViewController,
        ManageImagesController,
        ImagesViewController,
        CatalogViewsConsumer,
        AttachImageConsumer,
        ImagePreviewsConsumer,
        UploadOutcomesController,
      ],
      providers: [
        { provide: CATALOG_CONFIG, useValue: config },
        MosaicsRepository,
        ImagesRepository,
        UploadOutcomesRepository,
        CatalogViews,
        MosaicCommands,
      ],
    };
  }
}

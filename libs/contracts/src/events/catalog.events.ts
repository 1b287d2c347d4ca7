import { z } from 'zod';
import { TOPICS } from '../topics';
import { defineEvent, type DomainEventOf } from './event-definition';

const Tags = z.array(z.string().min(1).max(64)).max(50);

export const MosaicCreatedV1 = defineEvent({
  type: 'catalog.MosaicCreated',
  schemaVersion: 1,
  topic: TOPICS.catalogEvents,
  summary: 'A user created an empty mosaic (collection of images).',
  schema: z.object({
    mosaicId: z.uuid(),
    ownerId: z.string().min(1),
    name: z.string().min(1).max(255),
    tags: Tags,
    createdAt: z.iso.datetime(),
  }),
});

export type MosaicCreated = DomainEventOf<typeof MosaicCreatedV1>;

import type { MosaicCreated } from '@mi/contracts';
import type { Decider } from '@mi/eventstore';
import { BadRequest, MosaicAlreadyExists } from './mosaic.errors';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 64;
export const MAX_NAME_LENGTH = 255;

export interface Mosaic {
  exists: boolean;
  ownerId: string | null;
}

export type MosaicEvent = MosaicCreated;

export interface CreateMosaic {
  type: 'CreateMosaic';
  mosaicId: string;
  ownerId: string;
  name: string;
  tags: string[];
  now: Date;
}

export type MosaicCommand = CreateMosaic;

export const initialMosaic: Mosaic = { exists: false, ownerId: null };

/** Names are trimmed; tags are trimmed, empty ones dropped, duplicates removed (first kept). */
export function normalizeName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new BadRequest('name', 'must not be empty');
  if (trimmed.length > MAX_NAME_LENGTH) throw new BadRequest('name', `must be at most ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

export function normalizeTags(tags: string[]): string[] {
  const unique = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (unique.length > MAX_TAGS) throw new BadRequest('tags', `at most ${MAX_TAGS} tags`);
  const long = unique.find((t) => t.length > MAX_TAG_LENGTH);
  if (long) throw new BadRequest('tags', `a tag is at most ${MAX_TAG_LENGTH} characters`);
  return unique;
}

function decideCreate(command: CreateMosaic, state: Mosaic): MosaicEvent[] {
  if (state.exists) throw new MosaicAlreadyExists(command.mosaicId);
  return [
    {
      type: 'catalog.MosaicCreated',
      data: {
        mosaicId: command.mosaicId,
        ownerId: command.ownerId,
        name: normalizeName(command.name),
        tags: normalizeTags(command.tags),
        createdAt: command.now.toISOString(),
      },
    },
  ];
}

export function decide(command: MosaicCommand, state: Mosaic): MosaicEvent[] {
  switch (command.type) {
    case 'CreateMosaic':
      return decideCreate(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export function evolve(_state: Mosaic, event: MosaicEvent): Mosaic {
  switch (event.type) {
    case 'catalog.MosaicCreated':
      return { exists: true, ownerId: event.data.ownerId };
    default: {
      const unknown: never = event.type;
      throw new Error(`unknown event ${String(unknown)}`);
    }
  }
}

export const mosaicDecider: Decider<MosaicCommand, Mosaic, MosaicEvent> = {
  decide,
  evolve,
  initialState: initialMosaic,
};

import type { Decider } from '@mi/eventstore';
import { normalizeDisplayText, normalizeFilename } from '@mi/contracts';
import { compareProfile } from '@mi/raster';
import type {
  AttachImage,
  CreateMosaic,
  DeleteImage,
  DeleteMosaic,
  MosaicCommand,
  RenameImage,
  RenameMosaic,
  RetagMosaic,
} from './mosaic.commands';
import { BadRequest, ItemNotFound, MosaicAlreadyExists } from './mosaic.errors';
import { evolve, initialMosaic, type Mosaic, type MosaicEvent } from './mosaic.state';

export * from './mosaic.commands';
export * from './mosaic.state';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 64;
export const MAX_NAME_LENGTH = 255;

/**
 * Names are cleaned (no controls or bidi characters, whitespace collapsed, trimmed: display-text
 * in libs/contracts); tags too, empty ones dropped, duplicates removed (first kept).
 */
export function normalizeName(name: string, field = 'name'): string {
  const cleaned = normalizeDisplayText(name);
  if (cleaned.length === 0) throw new BadRequest(field, 'must not be empty');
  if (cleaned.length > MAX_NAME_LENGTH) throw new BadRequest(field, `must be at most ${MAX_NAME_LENGTH} characters`);
  return cleaned;
}

/** An image's new file name, as uploads name it (last path segment, capped); nothing left is a 400. */
function normalizeImageFilename(filename: string): string {
  const normalized = normalizeFilename(filename, { fallback: '' });
  if (normalized === '') throw new BadRequest('name', 'must be a file name');
  return normalized;
}

export function normalizeTags(tags: string[]): string[] {
  const unique = [...new Set(tags.map(normalizeDisplayText).filter((t) => t.length > 0))];
  if (unique.length > MAX_TAGS) throw new BadRequest('tags', `at most ${MAX_TAGS} tags`);
  const long = unique.find((t) => t.length > MAX_TAG_LENGTH);
  if (long) throw new BadRequest('tags', `a tag is at most ${MAX_TAG_LENGTH} characters`);
  return unique;
}

/** Another user's mosaic, a deleted one and one that never existed all look the same. */
function requireOwned(command: { mosaicId: string; ownerId: string }, state: Mosaic): void {
  if (!state.exists || state.deleted || state.ownerId !== command.ownerId) {
    throw new ItemNotFound('mosaic', command.mosaicId);
  }
}

function requireImage(command: { imageId: string }, state: Mosaic) {
  const image = state.images[command.imageId];
  if (!image) throw new ItemNotFound('image', command.imageId);
  return image;
}

function decideCreate(c: CreateMosaic, state: Mosaic): MosaicEvent[] {
  if (state.exists) throw new MosaicAlreadyExists(c.mosaicId);
  const data = { mosaicId: c.mosaicId, ownerId: c.ownerId, createdAt: c.now.toISOString() };
  return [
    { type: 'catalog.MosaicCreated', data: { ...data, name: normalizeName(c.name), tags: normalizeTags(c.tags) } },
  ];
}

function decideRename(c: RenameMosaic, state: Mosaic): MosaicEvent[] {
  requireOwned(c, state);
  const name = normalizeName(c.name);
  if (name === state.name) return [];
  return [{ type: 'catalog.MosaicRenamed', data: { mosaicId: c.mosaicId, name, renamedAt: c.now.toISOString() } }];
}

function decideRetag(c: RetagMosaic, state: Mosaic): MosaicEvent[] {
  requireOwned(c, state);
  const tags = normalizeTags(c.tags);
  if (tags.length === state.tags.length && tags.every((t, i) => t === state.tags[i])) return [];
  return [{ type: 'catalog.MosaicRetagged', data: { mosaicId: c.mosaicId, tags, retaggedAt: c.now.toISOString() } }];
}

function decideDelete(c: DeleteMosaic, state: Mosaic): MosaicEvent[] {
  requireOwned(c, state);
  const images = Object.entries(state.images).map(([imageId, image]) => ({
    imageId,
    fileSize: image.fileSize,
    storageUri: image.storageUri,
  }));
  const data = { mosaicId: c.mosaicId, ownerId: c.ownerId, images, deletedAt: c.now.toISOString() };
  return [{ type: 'catalog.MosaicDeleted', data }];
}

function decideAttach(c: AttachImage, state: Mosaic): MosaicEvent[] {
  if (state.decidedUploads.includes(c.image.uploadId)) return [];
  const { imageId, uploadId, filename, fileSize, storageUri, metadata } = c.image;
  const rejected = (code: 'FileValidationFailed' | 'ItemNotFound', parameters: Record<string, unknown>) => [
    {
      type: 'catalog.ImageRejected' as const,
      data: {
        mosaicId: c.mosaicId,
        ownerId: c.ownerId,
        imageId,
        uploadId,
        filename,
        fileSize,
        storageUri,
        code,
        parameters,
        rejectedAt: c.now.toISOString(),
      },
    },
  ];
  // The mosaic went away while its image was uploading: the upload still needs an outcome, so
  // its bytes are freed and its uploader is told, rather than an error nobody hears.
  if (!state.exists || state.deleted || state.ownerId !== c.ownerId) {
    return rejected('ItemNotFound', { instance_type: 'mosaic', uid: c.mosaicId });
  }
  const mismatch = state.profile
    ? compareProfile(state.profile, { crs: metadata.crs, count: metadata.count, pixelSize: metadata.pixelSize })
    : null;
  if (mismatch) return rejected('FileValidationFailed', { ...mismatch });
  return [
    {
      type: 'catalog.ImageAccepted',
      data: { mosaicId: c.mosaicId, ownerId: c.ownerId, ...c.image, acceptedAt: c.now.toISOString() },
    },
  ];
}

function decideRenameImage(c: RenameImage, state: Mosaic): MosaicEvent[] {
  requireOwned(c, state);
  const image = requireImage(c, state);
  const filename = normalizeImageFilename(c.filename);
  if (filename === image.filename) return [];
  const data = { mosaicId: c.mosaicId, imageId: c.imageId, filename, renamedAt: c.now.toISOString() };
  return [{ type: 'catalog.ImageRenamed', data }];
}

function decideDeleteImage(c: DeleteImage, state: Mosaic): MosaicEvent[] {
  requireOwned(c, state);
  const image = requireImage(c, state);
  const data = {
    mosaicId: c.mosaicId,
    imageId: c.imageId,
    ownerId: c.ownerId,
    fileSize: image.fileSize,
    storageUri: image.storageUri,
    deletedAt: c.now.toISOString(),
  };
  return [{ type: 'catalog.ImageDeleted', data }];
}

export function decide(command: MosaicCommand, state: Mosaic): MosaicEvent[] {
  switch (command.type) {
    case 'CreateMosaic':
      return decideCreate(command, state);
    case 'RenameMosaic':
      return decideRename(command, state);
    case 'RetagMosaic':
      return decideRetag(command, state);
    case 'DeleteMosaic':
      return decideDelete(command, state);
    case 'AttachImage':
      return decideAttach(command, state);
    case 'RenameImage':
      return decideRenameImage(command, state);
    case 'DeleteImage':
      return decideDeleteImage(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export const mosaicDecider: Decider<MosaicCommand, Mosaic, MosaicEvent> = {
  decide,
  evolve,
  initialState: initialMosaic,
};

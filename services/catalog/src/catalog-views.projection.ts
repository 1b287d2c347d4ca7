import type { Envelope } from '@mi/contracts';
import { positionOf } from '@mi/eventstore';
import { imagesTouchedBy, projectImage, type ImageView } from './images-view/image.view';
import { projectMosaic, type MosaicView } from './mosaics-view/mosaic.view';
import { outcomeOf, type UploadOutcomeView } from './upload-outcomes/upload-outcomes.repository';

/**
 * The catalog's views of one mosaic stream, as far as one event touches them. One stream makes
 * many rows (the mosaic, each of its images, each upload decided in it), and a row only changes
 * on the events about it, so a row's own version cannot tell a missing event from one that was
 * not about it: `applied`, kept per stream, can.
 */
export interface CatalogRows {
  /** The stream version the views have applied through (their checkpoint). */
  applied: number;
  mosaic: MosaicView | null;
  /** At least the image rows the event touches that exist. */
  images: ImageView[];
  /** At least the outcome row of the upload the event decides, if it exists. */
  outcomes: UploadOutcomeView[];
}

/** Rows to store; each moves forward, so storing it under the row's version guard is safe. */
export interface CatalogWrites {
  mosaic: MosaicView | null;
  images: ImageView[];
  outcomes: UploadOutcomeView[];
}

export type CatalogStep =
  | { outcome: 'applied'; writes: CatalogWrites }
  | { outcome: 'skipped-duplicate' }
  | { outcome: 'gap'; missing: { from: number; to: number } };

/**
 * A row already at the event's version or past it was written by an apply of this event that
 * crashed before the stream's checkpoint moved: leave it, so re-applying the event is a no-op.
 */
function onTop<T extends { version: number }>(
  row: T | null,
  event: Envelope,
  project: (row: T | null, e: Envelope) => T | null,
): T | null {
  if (row && row.version >= event.version) return null;
  const next = project(row, event);
  return next && next !== row ? next : null;
}

/**
 * Folds event N of a mosaic stream into its views, only on top of N−1: a redelivery changes
 * nothing, and an event past a gap is refused (the caller fetches the missing ones), so no event
 * is ever skipped and a tombstone is never overwritten by an older event. Pure.
 */
export function projectCatalogEvent(rows: CatalogRows, event: Envelope): CatalogStep {
  const position = positionOf(rows.applied, event.version);
  if (position === 'applied-already') return { outcome: 'skipped-duplicate' };
  if (position === 'gap') return { outcome: 'gap', missing: { from: rows.applied + 1, to: event.version - 1 } };

  const { imageId, mosaicId } = imagesTouchedBy(event);
  const touched = imageId
    ? [rows.images.find((r) => r._id === imageId) ?? null]
    : mosaicId
      ? rows.images.filter((r) => r.mosaicId === mosaicId)
      : [];
  const images = touched.map((row) => onTop(row, event, projectImage)).filter((row): row is ImageView => row !== null);

  const decided = outcomeOf(event);
  const outcome = decided && onTop(rows.outcomes.find((r) => r._id === decided._id) ?? null, event, () => decided);

  return {
    outcome: 'applied',
    writes: { mosaic: onTop(rows.mosaic, event, projectMosaic), images, outcomes: outcome ? [outcome] : [] },
  };
}

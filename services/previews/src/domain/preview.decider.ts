import type { PreviewReady, PreviewRequested, PreviewsEvent } from '@mi/contracts';
import type { Decider } from '@mi/eventstore';
import { PreviewGone } from './preview.errors';

type Ref = { imageId: string; mosaicId: string; ownerId: string };
type RenderSource = Omit<PreviewRequested['data'], keyof Ref | 'requestedAt'>;
type Rendered = Omit<PreviewReady['data'], keyof Ref | 'renderedAt'>;

export type PreviewStatus = 'absent' | 'pending' | 'ready' | 'failed' | 'deleted';

export interface Preview {
  status: PreviewStatus;
  ref: Ref | null;
  source: RenderSource | null;
  rendered: Rendered | null;
  failure: { reason: string; attempts: number } | null;
}

export type PreviewCommand =
  | { type: 'RequestPreview'; ref: Ref; source: RenderSource; at: string }
  | { type: 'RecordRendered'; imageId: string; rendered: Rendered; at: string }
  | { type: 'RecordFailure'; imageId: string; reason: string; attempts: number; at: string }
  | { type: 'DeletePreviews'; ref: Ref; at: string };

export const initialPreview: Preview = { status: 'absent', ref: null, source: null, rendered: null, failure: null };

/**
 * A preview is requested once per image, rendered (or failed) at most once, and once deleted
 * stays deleted: a render finishing after its image was deleted is refused (PreviewGone), so the
 * worker removes what it wrote. Repeats of a command already reflected decide nothing.
 */
export function decide(command: PreviewCommand, state: Preview): PreviewsEvent[] {
  switch (command.type) {
    case 'RequestPreview':
      if (state.status !== 'absent') return [];
      return [
        { type: 'previews.PreviewRequested', data: { ...command.ref, ...command.source, requestedAt: command.at } },
      ];
    case 'RecordRendered':
      if (state.status === 'deleted' || state.status === 'absent') throw new PreviewGone(command.imageId);
      if (state.status === 'ready') return [];
      return [{ type: 'previews.PreviewReady', data: { ...state.ref!, ...command.rendered, renderedAt: command.at } }];
    case 'RecordFailure':
      if (state.status !== 'pending') return [];
      return [
        {
          type: 'previews.PreviewFailed',
          data: { ...state.ref!, reason: command.reason, attempts: command.attempts, failedAt: command.at },
        },
      ];
    case 'DeletePreviews':
      if (state.status === 'deleted') return [];
      return [{ type: 'previews.PreviewsDeleted', data: { ...(state.ref ?? command.ref), deletedAt: command.at } }];
  }
}

export function evolve(state: Preview, event: PreviewsEvent): Preview {
  switch (event.type) {
    case 'previews.PreviewRequested': {
      const { imageId, mosaicId, ownerId, requestedAt: _, ...source } = event.data;
      return { ...state, status: 'pending', ref: { imageId, mosaicId, ownerId }, source };
    }
    case 'previews.PreviewReady': {
      const { imageId: _i, mosaicId: _m, ownerId: _o, renderedAt: _r, ...rendered } = event.data;
      return { ...state, status: 'ready', rendered, failure: null };
    }
    case 'previews.PreviewFailed':
      return { ...state, status: 'failed', failure: { reason: event.data.reason, attempts: event.data.attempts } };
    case 'previews.PreviewsDeleted': {
      const { imageId, mosaicId, ownerId } = event.data;
      return { ...state, status: 'deleted', ref: state.ref ?? { imageId, mosaicId, ownerId } };
    }
  }
}

export const previewDecider: Decider<PreviewCommand, Preview, PreviewsEvent> = {
  decide,
  evolve,
  initialState: initialPreview,
};

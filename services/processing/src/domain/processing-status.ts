import type { ProcessingPhase } from './processing.state';

/** API.md's `status`, as every version of the QGIS plugin parses it. */
export type ProcessingStatus = 'IN_PROGRESS' | 'OK' | 'FAILED' | 'CANCELLED';

export function statusOf(phase: ProcessingPhase): ProcessingStatus {
  switch (phase) {
    case 'queued':
    case 'running':
      return 'IN_PROGRESS';
    case 'succeeded':
      return 'OK';
    case 'failed':
      return 'FAILED';
    case 'cancelled':
      return 'CANCELLED';
  }
}

import type { ApiError } from '../api/api-error';
import { describeError } from '../format/error-message';

/** A failed request's message, announced to screen readers as it appears. */
export function ErrorText({ error }: { error: ApiError | undefined | null }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert">
      {describeError(error.detail)}
    </p>
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import { errorDetailOf, parseJson } from '../api/api-error';
import { PREVIEW_RETRY_DELAYS_MS, previewAnswer, previewPath } from './preview-policy';

export type PreviewState = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; reason: string };

/**
 * An image's preview as an object URL. The preview endpoint needs the Authorization header, which
 * an `<img src>` cannot send, so the bytes are fetched here; the URL is revoked on unmount.
 */
export function usePreview(imageId: string, size: 's' | 'l'): PreviewState {
  const client = useApi();
  const [preview, setPreview] = useState<PreviewState>({ state: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    let url: string | null = null;
    const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

    const run = async () => {
      for (let attempt = 0; ; attempt++) {
        let status = 0;
        let body: unknown = null;
        let response: Response | null = null;
        try {
          response = await client.fetchBinary(previewPath(imageId, size), abort.signal);
          status = response.status;
          if (!response.ok) body = parseJson(await response.text());
        } catch {
          if (abort.signal.aborted) return;
        }
        const answer = previewAnswer(status, status === 200 ? null : errorDetailOf(status, body));
        if (answer.kind === 'ready' && response) {
          const blob = await response.blob();
          if (abort.signal.aborted) return;
          url = URL.createObjectURL(blob);
          setPreview({ state: 'ready', url });
          return;
        }
        if (status === 401) client.unauthorized();
        const delay = PREVIEW_RETRY_DELAYS_MS[attempt];
        if (answer.kind === 'failed' || delay === undefined) {
          setPreview({
            state: 'failed',
            reason: answer.kind === 'failed' ? answer.reason : 'the preview is not ready yet',
          });
          return;
        }
        await wait(delay);
        if (abort.signal.aborted) return;
      }
    };
    void run();
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, imageId, size]);

  return preview;
}

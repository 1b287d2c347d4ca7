import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import type { RestClient } from '../api/rest-client';
import type { Memory } from '../api/rest-types';
import { uploadImage, type RunningUpload } from '../api/upload-image';
import { describeError } from '../format/error-message';

export type UploadState = 'queued' | 'uploading' | 'checking' | 'accepted' | 'rejected' | 'pending';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  state: UploadState;
  sent: number;
  /** Why it was refused (from the error envelope), or what to expect when still pending. */
  message?: string;
}

/** How long an image the server answered "VALIDATING" for is watched: the server already waited. */
const DECISION_POLLS = 30;
const DECISION_POLL_MS = 2000;

/**
 * Uploads files into one collection one after another, in the order chosen: the first accepted
 * image fixes the collection's raster profile, so a parallel start would make that order a race.
 * `onSettled` runs after each file's outcome (the collection and the storage figures changed).
 */
export function useUploadQueue(mosaicId: string, memory: Memory | null, onSettled: () => void) {
  const client = useApi();
  const [items, setItems] = useState<UploadItem[]>([]);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const running = useRef(new Map<string, RunningUpload>());
  const cancelled = useRef(new Set<string>());
  const nextKey = useRef(0);
  const latest = useRef({ memory, onSettled });
  useEffect(() => {
    latest.current = { memory, onSettled };
  });

  const update = useCallback((key: string, patch: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const runOne = useCallback(
    async (key: string, file: File) => {
      if (cancelled.current.has(key)) return;
      const limit = latest.current.memory?.maxUploadFileSize;
      // Refused here rather than after sending gigabytes the server would refuse by size anyway.
      if (limit !== undefined && file.size > limit) {
        const detail = { code: 'FileTooBig', parameters: { max_file_size: limit, actual_file_size: file.size } };
        update(key, { state: 'rejected', message: describeError(detail) });
        return;
      }
      update(key, { state: 'uploading' });
      const upload = uploadImage(client.authorization, mosaicId, file, ({ sent, total }) =>
        update(key, { sent, state: sent >= total ? 'checking' : 'uploading' }),
      );
      running.current.set(key, upload);
      try {
        const image = await upload.done;
        if (image.status === 'VALIDATING') {
          update(key, { state: 'checking', sent: file.size });
          update(key, await watchDecision(client, image.id));
        } else {
          update(key, { state: 'accepted', sent: file.size });
        }
      } catch (error) {
        const detail = error instanceof ApiError ? error.detail : { code: 'NetworkError', parameters: {} };
        if (error instanceof ApiError && error.status === 401) client.unauthorized();
        update(key, { state: 'rejected', message: describeError(detail) });
      } finally {
        running.current.delete(key);
        latest.current.onSettled();
      }
    },
    [client, mosaicId, update],
  );

  const add = useCallback(
    (files: File[]) => {
      const entries = files.map((file) => ({ key: `upload-${nextKey.current++}`, file }));
      setItems((current) => [
        ...current,
        ...entries.map(({ key, file }) => ({
          key,
          name: file.name,
          size: file.size,
          state: 'queued' as const,
          sent: 0,
        })),
      ]);
      for (const { key, file } of entries) chain.current = chain.current.then(() => runOne(key, file));
    },
    [runOne],
  );

  const cancel = useCallback(
    (key: string) => {
      cancelled.current.add(key);
      running.current.get(key)?.abort();
      update(key, { state: 'rejected', message: describeError({ code: 'UploadCancelled', parameters: {} }) });
    },
    [update],
  );

  const clearFinished = useCallback(() => {
    setItems((current) => current.filter((item) => ['queued', 'uploading', 'checking'].includes(item.state)));
  }, []);

  // Leaving the collection ends its uploads; the browser warns before a reload or a closed tab.
  const busy = items.some((item) => ['queued', 'uploading', 'checking'].includes(item.state));
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);
  useEffect(() => {
    const uploads = running.current;
    const stopped = cancelled.current;
    return () => {
      uploads.forEach((upload, key) => {
        stopped.add(key);
        upload.abort();
      });
    };
  }, []);

  return { items, add, cancel, clearFinished, busy };
}

/** The server answered before deciding: ask for the image until it is READY or REJECTED. */
async function watchDecision(client: RestClient, imageId: string): Promise<Partial<UploadItem>> {
  for (let poll = 0; poll < DECISION_POLLS; poll++) {
    await new Promise((resolve) => window.setTimeout(resolve, DECISION_POLL_MS));
    try {
      const image = await client.getImage(imageId);
      if (image.status === 'READY') return { state: 'accepted' };
      if (image.status === 'REJECTED') return { state: 'rejected', message: 'The server did not accept this file.' };
    } catch (error) {
      // Not listed yet (404) or a passing failure: ask again.
      if (error instanceof ApiError && error.status === 401) throw error;
    }
  }
  return { state: 'pending', message: 'Still being checked: it appears in the list once accepted.' };
}

import { ApiError, errorDetailOf, parseJson } from './api-error';
import type { Image } from './rest-types';

export interface UploadProgress {
  sent: number;
  total: number;
}

export interface RunningUpload {
  /** The accepted Image (or `status: "VALIDATING"` when the server's wait ran out), or an ApiError. */
  done: Promise<Image>;
  abort(): void;
}

/**
 * `POST /rest/rasters/mosaic/{id}/image`, one multipart part `file`. XMLHttpRequest rather than
 * fetch: only it reports upload progress. The server answers after validating the file, so the
 * bar reaching 100 % is not the end: the caller shows "checking" until `done` settles.
 */
export function uploadImage(
  authorization: string,
  mosaicId: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
): RunningUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Image>((resolve, reject) => {
    xhr.open('POST', `/rest/rasters/mosaic/${encodeURIComponent(mosaicId)}/image`);
    xhr.setRequestHeader('authorization', authorization);
    xhr.upload.onprogress = (event) => {
      onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      const json = parseJson(xhr.responseText);
      if (xhr.status === 200) resolve(json as Image);
      else reject(new ApiError(xhr.status, errorDetailOf(xhr.status, json)));
    };
    // A connection cut mid-stream (the server stops reading a file over the plan's size) lands here.
    xhr.onerror = () => reject(new ApiError(0, errorDetailOf(0, null)));
    xhr.onabort = () => reject(new ApiError(0, { code: 'UploadCancelled', parameters: {} }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

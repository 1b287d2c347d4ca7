import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Object bytes move over plain node:http rather than through @google-cloud/storage, which the
// adapter keeps for everything else. Two defects of the client (7.22) in the byte paths:
// - Failing the source of `createWriteStream` does not abort the HTTP request (duplexify destroys
//   the upload without an error, so its abort never fires): each aborted upload leaks a socket
//   and a hanging request (the symptom of googleapis/nodejs-storage#2367, still there in 7.22).
// - Destroying a `createReadStream` early destroys the client's shared keep-alive agent, failing
//   unrelated requests in flight with "socket hang up".
// Here, destroying a stream closes exactly its own connection.

/** Carries `code` like the client's ApiError, so one status check serves both. */
export class GcsHttpError extends Error {
  constructor(
    readonly code: number,
    body: string,
  ) {
    super(`GCS answered ${code}: ${body.slice(0, 300)}`);
    this.name = 'GcsHttpError';
  }
}

export interface StreamedUpload {
  /** The object resource GCS returns once the upload completes. */
  object: { size?: string; md5Hash?: string };
  bytes: number;
  md5: string;
}

/**
 * Streams `source` as the whole content of a resumable session in one request, counting and
 * hashing on the way. Any failure destroys `source` and the request.
 */
export async function streamIntoSession(
  openSession: () => Promise<string>,
  source: Readable,
  contentType: string,
): Promise<StreamedUpload> {
  const digest = createHash('md5');
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      digest.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // Piping at once gives the source an error listener while the session is being opened.
  const fed = pipeline(source, measure);
  fed.catch(() => undefined); // reported through the second pipeline too

  let sessionUri: string;
  try {
    sessionUri = await openSession();
  } catch (error) {
    // Without the error: a small body may have passed whole already, its pipeline over and its
    // listeners gone, and an error emitted then is uncaught (it took the process down). The
    // caller gets the error from here; a pipeline still running ends as a premature close.
    measure.destroy();
    throw error;
  }
  // fake-gcs-server takes the object's content type from this request, not from the session.
  const request = send(sessionUri, 'PUT', { 'content-type': contentType, 'content-range': 'bytes 0-*/*' });
  const responded = once(request, 'response') as Promise<[IncomingMessage]>;
  responded.catch(() => undefined); // the pipeline below reports the same failure
  try {
    await Promise.all([fed, pipeline(measure, request)]);
  } catch (error) {
    await cancelSession(sessionUri);
    throw error;
  }
  const [response] = await responded;
  const body = await readText(response);
  if (response.statusCode !== 200 && response.statusCode !== 201)
    throw new GcsHttpError(response.statusCode ?? 0, body);
  return { object: JSON.parse(body) as StreamedUpload['object'], bytes, md5: digest.digest('hex') };
}

/** Opens a media download; `null` when the range starts at or past the end of the object. */
export async function openMedia(url: string, headers: OutgoingHttpHeaders): Promise<IncomingMessage | null> {
  const request = send(url, 'GET', headers);
  request.end();
  const [response] = (await once(request, 'response')) as [IncomingMessage];
  const status = response.statusCode ?? 0;
  if (status === 200 || status === 206) return response;
  const body = await readText(response);
  if (status === 416) return null;
  throw new GcsHttpError(status, body);
}

/** Tells GCS to discard what it received; best effort, as an unfinished session expires anyway. */
async function cancelSession(sessionUri: string): Promise<void> {
  try {
    const request = send(sessionUri, 'DELETE', {});
    request.end();
    const [response] = (await once(request, 'response')) as [IncomingMessage];
    await readText(response);
  } catch {
    // nothing more we can do; the caller is already reporting the original failure
  }
}

function send(url: string, method: string, headers: OutgoingHttpHeaders): ClientRequest {
  const transport = url.startsWith('https:') ? https : http;
  return transport.request(url, { method, headers });
}

async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { BadRequest, normalizeFilename } from '@mi/contracts';

/**
 * Hands the multipart part named `file` to `consume` as a stream, as it arrives: the file is
 * never buffered. Other parts are skipped. Resolves with what `consume` resolved.
 *
 * A malformed or cut form is the client's fault, whenever it shows: a 400 BadRequest, never an
 * unhandled stream error (which would crash the gateway) nor a 5xx. Once the file part was handed
 * over, `consume` decides the answer (it may have reserved room it must give back); a form error
 * only replaces its failure with the BadRequest it stands for.
 */
export function withUploadedFile<T>(
  request: Request,
  consume: (file: { filename: string; stream: Readable }) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fields: 20 } });
    } catch {
      reject(new BadRequest('file', 'expected multipart/form-data with a part named "file"'));
      return;
    }
    let handled = false;
    let formError: BadRequest | undefined;
    const malformed = (error: Error) => (formError ??= new BadRequest('file', error.message));
    parser.on('file', (name, stream, info) => {
      // busboy errors a part's stream when the form is cut inside it: every part's stream needs a
      // listener from the start, even the skipped ones, and the file's before `consume` gets to it.
      // The form's fault is told by the parser's own error, which busboy raises with the part's;
      // an error the consumer's pipeline destroyed the part with (the service behind went away)
      // is no fault of the form: the consumer answers for it.
      stream.on('error', () => undefined);
      if (name !== 'file' || handled) {
        stream.resume();
        return;
      }
      handled = true;
      const filename = normalizeFilename(info.filename ?? '');
      consume({ filename, stream }).then(resolve, (error: unknown) => reject(formError ?? error));
    });
    parser.on('error', (error) => {
      malformed(error as Error);
      if (!handled) reject(formError);
    });
    parser.on('close', () => {
      if (!handled) reject(new BadRequest('file', 'missing multipart part "file"'));
    });
    // A client that goes away mid-upload ends the part's stream with an error, which aborts the
    // upload downstream: nothing half-written is kept.
    // A client gone before we got here would otherwise leave the parser waiting for ever.
    const disconnected = () => {
      if (!request.complete) parser.destroy(new Error('client disconnected'));
    };
    if (request.destroyed) disconnected();
    else request.once('close', disconnected);
    request.pipe(parser);
  });
}

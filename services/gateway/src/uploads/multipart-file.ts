import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { BadRequest, normalizeFilename } from '@mi/contracts';

/**
 * Hands the multipart part named `file` to `consume` as a stream, as it arrives: the file is
 * never buffered. Other parts are skipped. Resolves with what `consume` resolved.
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
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || handled) {
        stream.resume();
        return;
      }
      handled = true;
      const filename = normalizeFilename(info.filename ?? '');
      consume({ filename, stream }).then(resolve, reject);
    });
    parser.on('error', (error) => reject(handled ? error : new BadRequest('file', (error as Error).message)));
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

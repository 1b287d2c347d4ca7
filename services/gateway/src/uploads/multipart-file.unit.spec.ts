import type { Request } from 'express';
import { PassThrough, type Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BadRequest } from '@mi/contracts';
import { withUploadedFile } from './multipart-file';

const BOUNDARY = 'unit-b0undary';

/** A request as the gateway gets it: a stream of body bytes with its headers; ended like a completed one. */
function requestOf(body: string): Request {
  const stream = new PassThrough() as unknown as Request & PassThrough;
  Object.assign(stream, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, complete: true });
  stream.end(Buffer.from(body));
  return stream;
}

/** A file part (with a filename), or a plain field (without). */
const part = (name: string, content: string, filename: string | null = 'a.tif') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\n\r\n${content}\r\n`;
const form = (...parts: string[]) => `${parts.join('')}--${BOUNDARY}--\r\n`;

/** A cut form makes busboy error the open part's stream: unheard, that error would crash the gateway. */
describe('withUploadedFile on forms cut short', () => {
  it('hands a whole form\'s part "file" over as a stream', async () => {
    const seen = await withUploadedFile(requestOf(form(part('note', 'x', null), part('file', 'TIFF bytes'))), (file) =>
      text(file.stream).then((content) => ({ filename: file.filename, content })),
    );
    expect(seen).toEqual({ filename: 'a.tif', content: 'TIFF bytes' });
  });

  it('answers BadRequest for a form cut inside a skipped part', async () => {
    const consume = jest.fn();
    await expect(withUploadedFile(requestOf(part('other', 'cut here').slice(0, -4)), consume)).rejects.toBeInstanceOf(
      BadRequest,
    );
    expect(consume).not.toHaveBeenCalled();
  });

  it('answers BadRequest for a form cut inside the file while the consumer is still busy elsewhere', async () => {
    let streamFailed: Promise<unknown> = Promise.resolve();
    const consume = async ({ stream }: { stream: Readable }) => {
      // As the new-mosaic upload does: another call first, the stream read only afterwards.
      await new Promise((resolve) => setTimeout(resolve, 50));
      streamFailed = text(stream).then(
        () => 'read whole',
        () => 'failed',
      );
      await streamFailed;
      throw new Error('the consumer failed on the cut stream');
    };
    await expect(withUploadedFile(requestOf(part('file', 'half a TIFF').slice(0, -6)), consume)).rejects.toEqual(
      expect.objectContaining({ code: 'BadRequest', parameters: expect.objectContaining({ field: 'file' }) }),
    );
    expect(await streamFailed).toBe('failed');
  });
});

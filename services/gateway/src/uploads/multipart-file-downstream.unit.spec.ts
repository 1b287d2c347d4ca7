import type { Request } from 'express';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ServiceUnavailable } from '@mi/platform';
import { withUploadedFile } from './multipart-file';

const BOUNDARY = 'downstream-b0undary';

/**
 * A well-formed request whose body arrives in two halves, the second once `rest()` is called
 * (as a client's does while the service behind fails).
 */
function requestInHalves() {
  const stream = new PassThrough() as unknown as Request & PassThrough;
  Object.assign(stream, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, complete: false });
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.tif"\r\n\r\n`;
  stream.write(Buffer.concat([Buffer.from(head), Buffer.alloc(8 * 1024, 7)]));
  const rest = () => {
    Object.assign(stream, { complete: true });
    stream.end(Buffer.concat([Buffer.alloc(8 * 1024, 7), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]));
  };
  return { request: stream as Request, rest };
}

describe('withUploadedFile when the service the file streams to fails', () => {
  // Ingest killed while the body streams: the pipeline into it destroys the part's stream with the
  // socket's error. That is no fault of the client's form: the answer is the consumer's 503
  // (retry), not a 400 telling the client its file is malformed.
  it("answers the consumer's failure, not BadRequest, for a whole form", async () => {
    const down = new ServiceUnavailable('ingest', 'socket hang up');
    const { request, rest } = requestInHalves();
    const consume = async ({ stream }: { stream: Readable }) => {
      const dies = new Writable({ write: (_chunk, _encoding, done) => done(new Error('socket hang up')) });
      await pipeline(stream, dies).catch(() => undefined);
      rest();
      await new Promise((resolve) => setImmediate(resolve));
      throw down;
    };

    await expect(withUploadedFile(request, consume)).rejects.toBe(down);
  });
});

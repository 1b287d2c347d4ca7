import { Readable } from 'node:stream';
import { streamIntoSession } from './gcs-media.client';

describe('streamIntoSession', () => {
  // GCS down: the session cannot be opened. A small body has by then passed whole into the
  // counting stream, whose pipeline is over; failing that stream with the error emitted it with
  // no listener left, an uncaught exception that took the whole ingest process down.
  it('rejects, and throws nothing outside, when the session cannot be opened after a small body arrived', async () => {
    // (An error emitted with no listener fails this test as "Unhandled error".)
    const down = new Error('connect ECONNREFUSED');
    const source = Readable.from([Buffer.alloc(1000)]);
    const openSession = () => new Promise<string>((_resolve, reject) => setTimeout(() => reject(down), 50));

    await expect(streamIntoSession(openSession, source, 'image/tiff')).rejects.toBe(down);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(source.destroyed).toBe(true);
  });

  it('rejects and stops reading a large body when the session cannot be opened', async () => {
    const down = new Error('connect ECONNREFUSED');
    let pulled = 0;
    const source = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    const openSession = () => new Promise<string>((_resolve, reject) => setTimeout(() => reject(down), 50));

    await expect(streamIntoSession(openSession, source, 'image/tiff')).rejects.toBe(down);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(source.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});

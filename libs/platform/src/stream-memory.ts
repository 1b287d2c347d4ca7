import { Transform } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Every chunk a socket delivers is a Buffer outside V8's heap. V8 counts that memory, but only
// collects it once about 64 MB of it accumulated, so a process streaming a large file carries up
// to 64 MB of dead chunks on top of its baseline. A young-generation collection every few MB of
// streamed data frees them at a cost of about a millisecond, and keeps memory flat and low.
type Collect = (options?: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;
let collect: Collect | undefined;

/** Exposes V8's collector once, on the first streamed bytes, not merely on import. */
function collector(): Collect {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as Collect;
  }
  return collect;
}

const EVERY_BYTES = 8 * 1024 * 1024;
let sinceLast = 0;

/** Call with the size of each streamed chunk; collects the dead chunks every few MB. */
export function noteStreamedBytes(bytes: number): void {
  sinceLast += bytes;
  if (sinceLast < EVERY_BYTES) return;
  sinceLast = 0;
  collector()({ type: 'minor' });
}

/** A pass-through stage for byte streams that only notes what flows through it. */
export function releasingStreamedChunks(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      noteStreamedBytes(chunk.length);
      callback(null, chunk);
    },
  });
}

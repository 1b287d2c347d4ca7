import { boundedCall, boundedUpload, type ClientAnswer } from './held-upload';
import type { FaultWorld } from './fault-snapshot';

interface Uploader {
  token: string;
  mosaicId: string;
}

/**
 * Uploads (and deletes of every other accepted image) through the gateway, `workers` at a time,
 * at most one start per `paceMs` per worker and `maxOps` in all, until stopped: what is in flight
 * while a part of the stack restarts. Bounded in time (each call is) and in count. Every answer
 * is kept, for invariant (a).
 */
export function trafficDuring(
  world: FaultWorld,
  user: Uploader,
  file: { name: string; bytes: Buffer },
  { workers = 2, paceMs = 500, maxOps = 40 } = {},
) {
  const answers: ClientAnswer[] = [];
  const gateway = world.platform.gatewayUrl;
  const url = `${gateway}/rest/rasters/mosaic/${user.mosaicId}/image`;
  let running = true;
  let ops = 0;
  // A pace, not a wait for a condition: an outage answers in milliseconds, and a loop without
  // one would spend its whole budget of operations in the first second of the fault.
  const pace = () => new Promise((resolve) => setTimeout(resolve, paceMs));
  const loop = async () => {
    while (running && ops < maxOps) {
      ops++;
      const [upload] = await Promise.all([boundedUpload(url, user.token, file), pace()]);
      answers.push(upload);
      if (upload.status === 200 && upload.json?.status === 'READY' && ops % 2 === 0) {
        answers.push(await boundedCall(gateway, user.token, 'DELETE', `/rasters/image/${upload.json.id}`));
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    answers,
    /** Stops starting operations and waits (bounded) for those in flight. */
    async stop(): Promise<ClientAnswer[]> {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

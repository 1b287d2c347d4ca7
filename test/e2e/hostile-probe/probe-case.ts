/** One hostile request of the probe, as bytes on the wire: nothing is normalised by a client library. */
export interface ProbeCase {
  category: 'ids' | 'json' | 'headers' | 'multipart' | 'tiff';
  name: string;
  method: string;
  /** Sent verbatim as the request target (already percent-encoded where it must be). */
  path: string;
  /** `authorization` is alice's token unless set here; `null` leaves a header out. */
  headers?: Record<string, string | string[] | null>;
  body?: Buffer;
  /** Sends only this many bytes of the body, then hangs up: no answer is expected, only no leak. */
  hangUpAfter?: number;
  /** The only statuses this input may answer (e.g. 413 for a 2 MB JSON body). */
  expectStatus?: number[];
  /** The only error codes its refusal may carry (e.g. ItemNotFound for bob's id, as for a missing one). */
  expectCode?: string[];
  /** An answer that must not be a 2xx (someone else's data, a forged token). */
  mustFail?: boolean;
  /** 304 without a body is a valid answer (conditional request on the caller's own preview). */
  allowNotModified?: boolean;
  /**
   * Inputs of one group must all answer alike (status and body): e.g. linking bob's original, a
   * missing object and one in another bucket, so that no answer tells which of them exists.
   */
  sameAnswerAs?: string;
  /** Text that must never come back (an injected Host, a spoofed owner's name). */
  forbidden?: string[];
}

/** What the probe aims at: alice probes, bob's data must stay his. */
export interface ProbeTargets {
  aliceToken: string;
  bobToken: string;
  aliceMosaicId: string;
  aliceImageId: string;
  aliceImageUrl: string;
  bobMosaicId: string;
  bobImageId: string;
  bobImageUrl: string;
  /** A valid GeoTIFF (the shared utm.tif) to wrap in uploads. */
  tiff: Buffer;
}

/** mulberry32: a small seeded generator, so every run sends the same inputs. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    bytes: (length: number) => Buffer.from(Array.from({ length }, () => int(256))),
  };
}

export type SeededRandom = ReturnType<typeof seededRandom>;

export const json = (value: unknown) => Buffer.from(JSON.stringify(value));
export const jsonHeaders = { 'content-type': 'application/json' };

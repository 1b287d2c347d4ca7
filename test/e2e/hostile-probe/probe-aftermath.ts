import { api, eventually, type Platform } from '@mi/testing';

type Call = ReturnType<typeof api>;

interface StoredImage {
  file_size: number;
  filename: string;
  checksum: string;
  preview_status: string;
}

/**
 * The probe spends most of alice's per-minute request budget: the checks afterwards wait out a
 * 429 (as a polite client would, bounded) rather than read an error body as her account.
 */
export function patient(call: Call): Call {
  return async (method, route, body) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await call(method, route, body);
      if (answer.status !== 429 || attempt >= 3) return answer;
      const seconds = Number(answer.headers.get('retry-after') ?? answer.headers.get('x-ratelimit-reset') ?? 60);
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(seconds, 1), 65) * 1000));
    }
  };
}

export const memoryOf = async (call: Call) => (await call('GET', '/rasters/memory')).json;

/** Every mosaic the caller owns, with its images: one request per mosaic, so polled sparingly. */
async function holdingsOf(call: Call) {
  const mosaics: { id: string; name: string; tags: string[] }[] = (await call('GET', '/rasters/mosaic')).json;
  const images = await Promise.all(
    mosaics.map(async (m): Promise<StoredImage[]> => (await call('GET', `/rasters/mosaic/${m.id}/image`)).json),
  );
  return { mosaics, images: images.flat() };
}

/**
 * The prober's account once the dust settles: reservations are given back at once, commits and
 * frees arrive through Kafka, so this waits (bounded) for nothing reserved and used = her images.
 */
export async function settledAccount(call: Call, boundMs: number) {
  const started = Date.now();
  let memory = await memoryOf(call);
  let imageBytes = -1;
  await eventually(
    async () => {
      memory = await memoryOf(call);
      // The images are listed only once nothing is reserved: the memory object is one request.
      if (memory.memoryReserved !== 0) return false;
      imageBytes = (await holdingsOf(call)).images.reduce((sum, i) => sum + i.file_size, 0);
      return memory.memoryUsed === imageBytes;
    },
    boundMs,
    2000,
  ).catch(() => undefined);
  return {
    memoryReserved: memory.memoryReserved,
    memoryUsed: memory.memoryUsed,
    imageBytes,
    settleMs: Date.now() - started,
  };
}

/** Bidi controls, C0/C1 controls and lone surrogates: what display-text.ts cleans from every name. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNCLEAN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])/;

/**
 * What the probe left in alice's account: every crafted file she got accepted has its preview
 * rendered or failed within the bound (no render hangs), and every name, tag and file name she
 * sent came out clean, whichever route it took.
 */
export async function leftovers(call: Call, boundMs: number, bobChecksum: string) {
  let holdings = await holdingsOf(call);
  const started = Date.now();
  await eventually(
    async () => {
      holdings = await holdingsOf(call);
      return holdings.images.every((i) => i.preview_status !== 'PENDING');
    },
    boundMs,
    5000,
  ).catch(() => undefined);
  const { mosaics, images } = holdings;
  const texts = [...mosaics.flatMap((m) => [m.name, ...m.tags]), ...images.map((i) => i.filename)];
  return {
    images: images.length,
    previews: images.reduce<Record<string, number>>(
      (counts, i) => ({ ...counts, [i.preview_status]: (counts[i.preview_status] ?? 0) + 1 }),
      {},
    ),
    previewsSettleMs: Date.now() - started,
    uncleanTexts: texts.filter((text) => UNCLEAN.test(text)).map((text) => JSON.stringify(text)),
    unsafeFilenames: images
      .map((i) => i.filename)
      .filter((name) => /[\\/]/.test(name) || Buffer.byteLength(name) > 255 || name === '' || name === '..'),
    copiesOfBobsBytes: images.filter((i) => i.checksum === bobChecksum).length,
  };
}

/** Every service process still the one started (none crashed), each answering /health/live. */
export async function servicesAlive(platform: Platform) {
  const names = ['gateway', 'catalog', 'ingest', 'quota', 'previews'];
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => {
        const service = platform.service(name);
        if (service.process.exitCode !== null) return [name, `exited with ${service.process.exitCode}`];
        const live = await fetch(`${service.url}/health/live`, { signal: AbortSignal.timeout(5000) }).then(
          (r) => r.status,
          (error: Error) => error.message,
        );
        return [name, live === 200 ? 'live' : `health/live: ${live}`];
      }),
    ),
  );
}

/** What of bob's must not move whatever alice does. */
export async function ownerState(call: Call, mosaicId: string, imageId: string) {
  const mosaic = (await call('GET', `/rasters/mosaic/${mosaicId}`)).json;
  const image = (await call('GET', `/rasters/image/${imageId}`)).json;
  const memory = await memoryOf(call);
  return {
    mosaic: { name: mosaic.name, tags: mosaic.tags, image_count: mosaic.image_count },
    image: { filename: image.filename, checksum: image.checksum, image_url: image.image_url },
    mosaics: (await call('GET', '/rasters/mosaic')).json.length,
    memory: { memoryUsed: memory.memoryUsed, memoryReserved: memory.memoryReserved },
  };
}

import {
  aFaultUser,
  boundedUpload,
  CommitWatch,
  failuresOf,
  faultWorld,
  FaultReport,
  heldUpload,
  killAndRestart,
  runFault,
  stackEnv,
  startFaultPlatform,
  uploadUrl,
  utm,
  type FaultWorld,
  type Platform,
} from '@mi/testing';

/**
 * DESIGN.md §6 "Nothing lost": kill -9 one service at a chosen point of the upload saga (§2),
 * restart it, and the platform converges. One platform on the shared stack (namespaced, so the
 * other test files never notice); one user per fault, so each is judged on its own data.
 */
describe('kill -9 during the upload saga', () => {
  const report = new FaultReport('upload-kills');
  let platform: Platform;
  let world: FaultWorld;
  let watch: CommitWatch;

  beforeAll(async () => {
    platform = await startFaultPlatform('faults-upload');
    world = faultWorld(platform);
    watch = new CommitWatch(platform, stackEnv.mongoUrl);
  }, 120_000);
  afterAll(async () => {
    report.write();
    await watch?.close();
    await platform?.stop();
  });

  /** Kills `victim` once ingest has started receiving the body (half of it sent, the rest held). */
  const whileTheBodyStreams = (victim: 'gateway' | 'ingest' | 'quota') => async () => {
    const user = await aFaultUser(world, `streaming-${victim}`);
    return runFault(world, report, `${victim} killed while the body streams`, user, async () => {
      const upload = heldUpload(uploadUrl(world, user.mosaicId), user.token, utm());
      await watch.whenCommitted('ingest', 'ingest.UploadStarted', { ownerId: user.email });
      await platform.kill(victim);
      // Quota is not needed past the reservation: the rest of the saga runs while it is down.
      upload.release();
      const answer = victim === 'quota' ? await upload.answer : null;
      const since = Date.now();
      await platform.start(victim, {}, false);
      const answers = [answer ?? (await upload.answer)];
      return { since, answers, observed: `client answered ${answers[0].status}`, gatewayDied: victim === 'gateway' };
    });
  };

  /** Kills `victim` the moment a commit of `type` (of this user) is in `service`'s event store. */
  const rightAfter =
    (victim: 'gateway' | 'ingest' | 'catalog', service: string, type: string, label: string) => async () => {
      const user = await aFaultUser(world, `${victim}-after-${type.split('.')[1].toLowerCase()}`);
      return runFault(world, report, `${victim} killed right after ${label}`, user, async () => {
        const answer = boundedUpload(uploadUrl(world, user.mosaicId), user.token, utm());
        await watch.whenCommitted(service, type, { ownerId: user.email });
        await platform.kill(victim);
        // What the kill caught: was the commit on Kafka yet, or only in the outbox?
        const commit = await watch.whenCommitted(service, type, { ownerId: user.email });
        const since = Date.now();
        await platform.start(victim, {}, false);
        const answers = [await answer];
        const observed = `commit ${commit.published ? 'published' : 'unpublished'} at the kill; client answered ${answers[0].status}`;
        return { since, answers, observed, gatewayDied: victim === 'gateway' };
      });
    };

  const cases: [string, () => Promise<import('@mi/testing').FaultRecord>][] = [
    ['gateway killed while the body streams', whileTheBodyStreams('gateway')],
    ['ingest killed while the body streams', whileTheBodyStreams('ingest')],
    ['quota killed while the body streams (after the reservation)', whileTheBodyStreams('quota')],
    [
      'ingest killed right after it validated',
      rightAfter('ingest', 'ingest', 'ingest.ImageValidated', 'ingest validated'),
    ],
    [
      'catalog killed right after ingest validated',
      rightAfter('catalog', 'ingest', 'ingest.ImageValidated', 'ingest validated'),
    ],
    [
      'gateway killed right after ingest validated',
      rightAfter('gateway', 'ingest', 'ingest.ImageValidated', 'ingest validated'),
    ],
    [
      'catalog killed right after it accepted',
      rightAfter('catalog', 'catalog', 'catalog.ImageAccepted', 'the catalog accepted'),
    ],
    [
      'quota killed right after the catalog accepted',
      async () => {
        const user = await aFaultUser(world, 'quota-after-accepted');
        return runFault(world, report, 'quota killed right after the catalog accepted', user, async () => {
          const answer = boundedUpload(uploadUrl(world, user.mosaicId), user.token, utm());
          await watch.whenCommitted('catalog', 'catalog.ImageAccepted', { ownerId: user.email });
          const since = await killAndRestart(platform, 'quota');
          return { since, answers: [await answer], observed: 'commit of the storage pending on catalog.events' };
        });
      },
    ],
  ];

  it.each(cases)(
    'converges after: %s',
    async (_name, fault) => {
      const record = await fault();
      expect(failuresOf(record)).toEqual([]);
    },
    150_000,
  );
});

import { readFileSync } from 'node:fs';
import {
  aFaultUser,
  boundedCall,
  boundedUpload,
  CommitWatch,
  failuresOf,
  fillMosaics,
  faultWorld,
  FaultReport,
  runFault,
  sharedFixture,
  stackEnv,
  startFaultPlatform,
  uploadUrl,
  type FaultRecord,
  type FaultWorld,
  type Platform,
  type ServiceName,
} from '@mi/testing';

const MOSAICS = 6;

/**
 * DESIGN.md §6 for deletes and previews: kill -9 a service while a bulk delete
 * (`POST /rest/rasters/mosaic/delete`) fans out to quota, ingest and previews, or while a preview
 * renders; restart it; storage, blobs, renditions and read models must all converge.
 */
describe('kill -9 during a bulk delete and a preview render', () => {
  const report = new FaultReport('delete-and-render-kills');
  let platform: Platform;
  let world: FaultWorld;
  let watch: CommitWatch;

  beforeAll(async () => {
    platform = await startFaultPlatform('faults-delete');
    world = faultWorld(platform);
    watch = new CommitWatch(platform, stackEnv.mongoUrl);
  }, 120_000);
  afterAll(async () => {
    report.write();
    await watch?.close();
    await platform?.stop();
  });

  /** Kills `victim` the moment the first of the user's mosaics is deleted, the rest still to go. */
  const duringBulkDelete = (victim: ServiceName) => async (fault: string) => {
    const user = await aFaultUser(world, `bulk-delete-${victim}`);
    const ids = await fillMosaics(world, user, MOSAICS);
    return runFault(world, report, fault, user, async () => {
      const deleting = boundedCall(platform.gatewayUrl, user.token, 'POST', '/rasters/mosaic/delete', { ids });
      await watch.whenCommitted('catalog', 'catalog.MosaicDeleted', { ownerId: user.email });
      await platform.kill(victim);
      const deletedAtKill = await watch.count('catalog', 'catalog.MosaicDeleted', { ownerId: user.email });
      const since = Date.now();
      await platform.start(victim, {}, false);
      const answer = await deleting;
      const observed = `${deletedAtKill} of ${ids.length} mosaics deleted at the kill; client answered ${answer.status}`;
      return { since, answers: [answer], observed, gatewayDied: victim === 'gateway' };
    });
  };

  /** Kills previews while it renders a 4 MB image (its render claimed, not yet recorded). */
  const midRender = async (fault: string) => {
    const user = await aFaultUser(world, 'render-previews');
    const file = { name: 'umbra.tiff', bytes: readFileSync(sharedFixture('umbra_mount_yasur.tiff')) };
    return runFault(world, report, fault, user, async () => {
      const answer = await boundedUpload(uploadUrl(world, user.mosaicId), user.token, file);
      if (answer.status !== 200) throw new Error(`upload: ${answer.status} ${JSON.stringify(answer.json)}`);
      const imageId: string = answer.json.id;
      const queue = watch.collection('previews', 'render_queue');
      await watch.poll(() => queue.findOne({ _id: imageId as never, attempts: { $gte: 1 } }), 'render claimed', 30_000);
      await platform.kill('previews');
      const rendered = await watch.count('previews', 'previews.PreviewReady', { imageId });
      const since = Date.now();
      await platform.start('previews', {}, false);
      return {
        since,
        answers: [answer],
        observed: `render ${rendered ? 'already recorded' : 'in flight'} at the kill`,
      };
    });
  };

  const cases: [string, (fault: string) => Promise<FaultRecord>][] = [
    ['catalog killed during a bulk delete', duringBulkDelete('catalog')],
    ['quota killed during a bulk delete', duringBulkDelete('quota')],
    ['ingest killed during a bulk delete', duringBulkDelete('ingest')],
    ['previews killed during a bulk delete', duringBulkDelete('previews')],
    ['gateway killed during a bulk delete', duringBulkDelete('gateway')],
    ['previews killed while it renders', midRender],
  ];

  it.each(cases)(
    'converges after: %s',
    async (fault, strike) => {
      expect(failuresOf(await strike(fault))).toEqual([]);
    },
    150_000,
  );
});

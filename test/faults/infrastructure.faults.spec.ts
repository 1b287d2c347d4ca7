import {
  aFaultUser,
  boundedCall,
  boundedUpload,
  failuresOf,
  faultWorld,
  FaultReport,
  fillMosaics,
  runFault,
  startFaultPlatform,
  startOwnStack,
  trafficDuring,
  uploadUrl,
  utm,
  type ClientAnswer,
  type FaultRecord,
  type FaultWorld,
  type OwnStack,
  type Platform,
  type StackPart,
} from '@mi/testing';

const GCS_OUTAGE_MS = 30_000;
/** One upload a second at most: a refusal takes milliseconds, and each attempt is a reservation to check. */
const pace = () => new Promise((resolve) => setTimeout(resolve, 1000));

/**
 * DESIGN.md §6 against the infrastructure: the Kafka broker and FerretDB restarted while uploads
 * and deletes are in flight, and the GCS emulator down for 30 s. These run on a stack of their
 * own, started and stopped here, so the test files sharing the main stack never see the outage.
 */
describe('restarts of the infrastructure', () => {
  const report = new FaultReport('infrastructure');
  let stack: OwnStack;
  let platform: Platform;
  let world: FaultWorld;

  beforeAll(async () => {
    stack = await startOwnStack();
    platform = await startFaultPlatform('faults-infra', stack);
    world = faultWorld(platform, stack.addresses);
  }, 240_000);
  // Whatever an earlier fault left stopped is started again: one failure must not cascade.
  beforeEach(() => stack?.up(), 120_000);
  afterAll(async () => {
    report.write();
    await platform?.stop();
    await stack?.down();
  }, 60_000);

  /** Stops `part` (SIGTERM, as an operator restart does) while traffic and a bulk delete run, then starts it. */
  const restartUnderTraffic = (part: StackPart) => async (fault: string) => {
    const user = await aFaultUser(world, `restart-${part}`);
    const doomed = (await fillMosaics(world, user, 3)).slice(1);
    return runFault(
      world,
      report,
      fault,
      user,
      async () => {
        const traffic = trafficDuring(world, user, utm());
        const deleting = boundedCall(platform.gatewayUrl, user.token, 'POST', '/rasters/mosaic/delete', {
          ids: doomed,
        });
        const stopping = Date.now();
        await stack.stop(part);
        const since = Date.now();
        await stack.up();
        const back = Date.now() - since;
        const answers = [...(await traffic.stop()), await deleting];
        const observed = `${part} down ${((since - stopping) / 1000).toFixed(1)} s to stop + ${(back / 1000).toFixed(1)} s to start; ${answers.length} calls in flight`;
        return { since, answers, observed };
      },
      90_000,
    );
  };

  /** Uploads while the emulator is down must be refused cleanly; after, they must work again. */
  const gcsOutage = async (fault: string) => {
    const user = await aFaultUser(world, 'gcs-outage');
    const url = uploadUrl(world, user.mosaicId);
    let worksAgainMs: number | null = null;
    const record = await runFault(
      world,
      report,
      fault,
      user,
      async () => {
        await stack.stop('fake-gcs-server');
        const down = Date.now();
        const answers: ClientAnswer[] = [];
        // The outage lasts as long as the fault says; uploads keep trying all along, one at a time.
        while (Date.now() - down < GCS_OUTAGE_MS) {
          const [answer] = await Promise.all([boundedUpload(url, user.token, utm(), 30_000), pace()]);
          answers.push(answer);
        }
        const since = Date.now();
        await stack.up();
        for (let tries = 0; worksAgainMs === null && tries < 20; tries++) {
          const upload = await boundedUpload(url, user.token, utm(), 30_000);
          answers.push(upload);
          if (upload.status === 200) worksAgainMs = Date.now() - since;
        }
        const during = answers.filter((a) => a.status !== 200).map((a) => a.status);
        const observed = `down ${((since - down) / 1000).toFixed(1)} s, answered [${[...new Set(during)]}] during it; uploads accepted again after ${worksAgainMs === null ? 'never' : `${(worksAgainMs / 1000).toFixed(1)} s`}`;
        return { since, answers, observed };
      },
      90_000,
    );
    if (worksAgainMs === null) {
      record.invariants.a = {
        ok: false,
        detail: `${record.invariants.a.detail}; no upload accepted after the emulator came back`,
      };
    }
    return record;
  };

  const cases: [string, (fault: string) => Promise<FaultRecord>][] = [
    ['Kafka broker restarted under uploads and deletes', restartUnderTraffic('kafka')],
    ['FerretDB restarted under uploads and deletes', restartUnderTraffic('ferretdb')],
    ['GCS emulator down for 30 s', gcsOutage],
  ];

  it.each(cases)(
    'converges after: %s',
    async (fault, strike) => {
      expect(failuresOf(await strike(fault))).toEqual([]);
    },
    240_000,
  );
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPlansFile, loadPlanCatalog, parsePlanCatalog, PlansFileSetting } from './plan-catalog';

const GiB = 1024 ** 3;
const shipped = path.join(__dirname, '../../../config/plans.json');

/** A plan entry with every limit, so a test only names what it is about. */
const aPlan = (id: string) => ({
  id,
  storageLimitBytes: GiB,
  maxFileSizeBytes: GiB,
  maxPixelsPerSide: 100000,
  processing: { aoiAreaLimitM2: 1e7, maxAoisPerProcessing: 1 },
});

describe('plan catalog', () => {
  it('reads the shipped catalog: free, premium and business, new users on free', () => {
    const catalog = loadPlanCatalog(shipped);
    expect(catalog).toMatchObject({ planIds: ['free', 'premium', 'business'], defaultPlan: 'free' });
    expect(catalog.plans.map((p) => p.processing.maxAoisPerProcessing)).toEqual([1, 5, 20]);
  });

  it('ships the product limits per plan (storage, file size, pixels per side)', () => {
    const { plans } = JSON.parse(readFileSync(shipped, 'utf8')) as { plans: Record<string, unknown>[] };
    expect(
      plans.map(({ id, storageLimitBytes, maxFileSizeBytes, maxPixelsPerSide }) => ({
        id,
        storageLimitBytes,
        maxFileSizeBytes,
        maxPixelsPerSide,
      })),
    ).toEqual([
      { id: 'free', storageLimitBytes: GiB, maxFileSizeBytes: GiB, maxPixelsPerSide: 100000 },
      { id: 'premium', storageLimitBytes: 10 * GiB, maxFileSizeBytes: 5 * GiB, maxPixelsPerSide: 200000 },
      { id: 'business', storageLimitBytes: 100 * GiB, maxFileSizeBytes: 20 * GiB, maxPixelsPerSide: 500000 },
    ]);
  });

  it('rejects a default plan that is not in the catalog', () => {
    expect(() => parsePlanCatalog({ plans: [aPlan('free')], defaultPlan: 'gold' }, 'test')).toThrow(
      'invalid plan catalog test: defaultPlan: "gold" is not a plan',
    );
  });

  it('rejects a plan listed twice', () => {
    expect(() => parsePlanCatalog({ plans: [aPlan('free'), aPlan('free')], defaultPlan: 'free' }, 'test')).toThrow(
      'plan "free" twice',
    );
  });

  it('rejects a plan without its limits, naming the missing one', () => {
    const { maxFileSizeBytes: _dropped, ...withoutFileSize } = aPlan('free');
    expect(() => parsePlanCatalog({ plans: [withoutFileSize], defaultPlan: 'free' }, 'test')).toThrow(
      'plans.0.maxFileSizeBytes',
    );
  });

  it('rejects an empty catalog', () => {
    expect(() => parsePlanCatalog({ plans: [], defaultPlan: 'free' }, 'test')).toThrow('invalid plan catalog');
  });

  it('names the file when it is missing or not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plans-'));
    const broken = path.join(dir, 'plans.json');
    writeFileSync(broken, '{ not json');
    expect(() => loadPlanCatalog(broken)).toThrow(`plan catalog ${broken} is not JSON`);
    expect(() => loadPlanCatalog(path.join(dir, 'missing.json'))).toThrow(`cannot read plan catalog`);
  });

  it('finds the shipped catalog from the code, whether it runs from sources or dist/', () => {
    expect(defaultPlansFile(__dirname)).toBe(path.resolve(shipped));
    expect(defaultPlansFile(path.join(__dirname, '../../../dist/libs/platform/src'))).toBe(path.resolve(shipped));
  });

  it('resolves a configured plans file against the working directory', () => {
    expect(PlansFileSetting.parse('custom/plans.json')).toBe(path.resolve('custom/plans.json'));
    expect(PlansFileSetting.parse(undefined)).toBe(path.resolve(shipped));
  });
});

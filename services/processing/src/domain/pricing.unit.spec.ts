import { parseModelCatalog, type Model } from '@mi/platform';
import { BadRequest } from './processing.errors';
import { chooseBlocks, costOf } from './pricing';

const [model]: Model[] = parseModelCatalog(
  {
    models: [
      {
        id: '0195f0a0-0000-7000-8000-00000000b001',
        name: 'Roofs',
        description: '',
        pricePerSqKm: 2,
        blocks: [
          { name: 'Segmentation', displayName: 'Segmentation', optional: false, price: 2 },
          { name: 'Simplification', displayName: 'Simplify', optional: true, price: 0.5 },
          { name: 'Heights', displayName: 'Heights', optional: true, price: 3 },
        ],
      },
    ],
  },
  'test',
);

describe('chooseBlocks', () => {
  it('runs every required block, and the optional ones the request enables', () => {
    expect(chooseBlocks(model, [{ name: 'Heights', enabled: true }])).toEqual([
      { name: 'Segmentation', displayName: 'Segmentation', enabled: true },
      { name: 'Simplification', displayName: 'Simplify', enabled: false },
      { name: 'Heights', displayName: 'Heights', enabled: true },
    ]);
    expect(chooseBlocks(model, undefined).map((b) => b.enabled)).toEqual([true, false, false]);
  });

  it('never lets a request switch a required block off', () => {
    expect(chooseBlocks(model, [{ name: 'Segmentation', enabled: false }])[0].enabled).toBe(true);
  });

  it('refuses a block the model does not have, naming it', () => {
    expect(() => chooseBlocks(model, [{ name: 'Teleport', enabled: true }])).toThrow(BadRequest);
  });
});

describe('costOf', () => {
  it("charges the area in km² at the model's price plus the enabled options, rounded up", () => {
    const heights = chooseBlocks(model, [{ name: 'Heights', enabled: true }]);
    expect(costOf(model, heights, 3_500_000)).toBe(Math.ceil(3.5 * 5));
    expect(costOf(model, chooseBlocks(model, []), 3_500_000)).toBe(7);
    expect(costOf(model, chooseBlocks(model, []), 1)).toBe(1);
  });

  it('does not charge a credit for float noise', () => {
    expect(costOf(model, chooseBlocks(model, []), 1_000_000.0000001)).toBe(2);
  });
});

describe('parseModelCatalog', () => {
  const base = { id: '0195f0a0-0000-7000-8000-00000000b002', name: 'M', description: '' };
  it("refuses a price per km² the required blocks' prices do not add up to (the plugin would show another)", () => {
    const wrong = { ...base, pricePerSqKm: 1, blocks: [{ name: 'A', displayName: 'A', optional: false, price: 2 }] };
    expect(() => parseModelCatalog({ models: [wrong] }, 'f')).toThrow(/pricePerSqKm 1 is not the sum/);
  });

  it('refuses a model or a block listed twice', () => {
    const ok = { ...base, pricePerSqKm: 0, blocks: [] };
    expect(() => parseModelCatalog({ models: [ok, ok] }, 'f')).toThrow(/twice/);
    const blocks = [1, 2].map(() => ({ name: 'A', displayName: 'A', optional: true, price: 0 }));
    expect(() => parseModelCatalog({ models: [{ ...ok, blocks }] }, 'f')).toThrow(/block "A" twice/);
  });
});

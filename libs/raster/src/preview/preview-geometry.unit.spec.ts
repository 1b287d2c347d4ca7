import { chooseLevel, fitWithin, sampleIndices } from './preview-geometry';

describe('fitWithin', () => {
  it.each([
    [{ width: 2000, height: 1000 }, 1024, { width: 1024, height: 512 }],
    [{ width: 1000, height: 3000 }, 256, { width: 85, height: 256 }],
    [{ width: 300, height: 120 }, 1024, { width: 300, height: 120 }],
    [{ width: 100_000, height: 7 }, 256, { width: 256, height: 1 }],
  ])('%j in a %i box is %j', (image, box, expected) => {
    expect(fitWithin(image, box)).toEqual(expected);
  });
});

describe('sampleIndices', () => {
  it('spreads samples evenly, at the centre of each output cell', () => {
    expect(Array.from(sampleIndices(10, 5))).toEqual([1, 3, 5, 7, 9]);
    expect(Array.from(sampleIndices(4, 4))).toEqual([0, 1, 2, 3]);
  });
});

describe('chooseLevel', () => {
  const full = { width: 8000, height: 4000 };
  const overviews = [
    { width: 4000, height: 2000 },
    { width: 2000, height: 1000 },
    { width: 1000, height: 500 },
  ];

  it('takes the smallest overview with at least the target on both sides', () => {
    expect(chooseLevel([full, ...overviews], { width: 1024, height: 512 })).toBe(overviews[1]);
    expect(chooseLevel([full, ...overviews], { width: 256, height: 128 })).toBe(overviews[2]);
  });

  it('falls back to the full resolution when no overview is large enough', () => {
    expect(chooseLevel([full, { width: 500, height: 250 }], { width: 1024, height: 512 })).toBe(full);
    expect(chooseLevel([full], { width: 1024, height: 512 })).toBe(full);
  });
});

import { otsuThreshold } from './otsu';

describe('otsuThreshold', () => {
  it('splits two groups of values between them', () => {
    const values = [...Array(500).fill(20), ...Array(100).fill(200)].map((v, i) => v + (i % 7));
    const t = otsuThreshold(values, null)!;
    expect(t).toBeGreaterThan(26);
    expect(t).toBeLessThanOrEqual(200);
  });

  it('leaves out what is not valid (nodata)', () => {
    const values = [0, 0, 0, 10, 10, 90, 90, 1000];
    const valid = [1, 1, 1, 1, 1, 1, 1, 0];
    const t = otsuThreshold(values, valid)!;
    expect(t).toBeGreaterThan(10);
    expect(t).toBeLessThanOrEqual(90);
  });

  it('answers null when there is nothing to split', () => {
    expect(otsuThreshold([5, 5, 5], null)).toBeNull();
    expect(otsuThreshold([1, 2], [0, 0])).toBeNull();
    expect(otsuThreshold([], null)).toBeNull();
  });
});

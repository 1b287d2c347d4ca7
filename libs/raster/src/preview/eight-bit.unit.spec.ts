import { percentileRange, toEightBit } from './eight-bit';

const opaque = (n: number) => new Uint8Array(n).fill(255);

describe('percentileRange', () => {
  it('is the 2nd and 98th percentile of the valid values only', () => {
    const band = Array.from({ length: 101 }, (_, i) => i * 10);
    expect(percentileRange(band, opaque(101))).toEqual([20, 980]);
    const valid = opaque(101).map((_, i) => (i < 50 ? 0 : 255));
    expect(percentileRange(band, valid)).toEqual([510, 990]); // 51 values 500…1000: the 2nd and the 50th
  });

  it('is null when no value is valid', () => {
    expect(percentileRange([1, 2, 3], new Uint8Array(3))).toBeNull();
  });
});

describe('toEightBit', () => {
  it('keeps 8-bit values and adds no alpha when nothing can be transparent', () => {
    const image = toEightBit({ width: 2, height: 1, colour: [[7, 250]], nodata: null, stretch: false });
    expect(image.channels).toBe(1);
    expect(Array.from(image.pixels)).toEqual([7, 250]);
    expect(image.stretchedBetween).toBeNull();
  });

  it('stretches between the percentiles, clipping outside them', () => {
    const band = Array.from({ length: 101 }, (_, i) => 1000 + i * 100);
    const image = toEightBit({ width: 101, height: 1, colour: [band], nodata: null, stretch: true });
    expect(image.stretchedBetween).toEqual([[1200, 10800]]);
    expect(image.pixels[0]).toBe(0);
    expect(image.pixels[50]).toBe(Math.round(((6000 - 1200) * 255) / 9600));
    expect(image.pixels[100]).toBe(255);
  });

  it('makes NaN, all-nodata pixels and alpha 0 transparent; one band at nodata is not enough', () => {
    const image = toEightBit({
      width: 4,
      height: 1,
      colour: [
        [5, NaN, 0, 0],
        [5, 5, 0, 9],
        [5, 5, 0, 9],
      ],
      alpha: { samples: [65535, 65535, 65535, 0], max: 65535 },
      nodata: 0,
      stretch: false,
    });
    expect(image.channels).toBe(4);
    expect([3, 7, 11, 15].map((i) => image.pixels[i])).toEqual([255, 0, 0, 0]);
    const another = toEightBit({ width: 1, height: 1, colour: [[0], [9], [9]], nodata: 0, stretch: false });
    expect(another.pixels[3]).toBe(255);
  });

  it('shows a flat band as mid grey', () => {
    const image = toEightBit({ width: 3, height: 1, colour: [[700, 700, 700]], nodata: null, stretch: true });
    expect(Array.from(image.pixels)).toEqual([128, 128, 128]);
  });
});

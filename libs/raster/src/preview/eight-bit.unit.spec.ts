import { toEightBit } from './eight-bit';
import { percentileRange } from './percentile-range';

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

  it('counts small integer types into a histogram with the very result sorting gives', () => {
    // More values than the subsample holds, so every other one is skipped alike.
    const values = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 5000);
    const valid = opaque(values.length).map((_, i) => (i % 3 === 0 ? 0 : 255));
    const [low, high] = percentileRange(Float64Array.from(values), valid)!;
    expect(percentileRange(Uint16Array.from(values), valid)).toEqual([low, high]);
    expect(
      percentileRange(
        Int16Array.from(values, (v) => v - 2500),
        valid,
      ),
    ).toEqual([low - 2500, high - 2500]);
    const bytes = values.map((v) => v % 256);
    expect(percentileRange(Uint8Array.from(bytes), valid)).toEqual(percentileRange(bytes, valid));
    expect(
      percentileRange(
        Int8Array.from(bytes, (v) => v - 128),
        valid,
      ),
    ).toEqual(percentileRange(bytes, valid)!.map((v) => v - 128));
  });

  it('selects from floats the very values sorting gives', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2000 - 1000;
    const values = Float32Array.from({ length: 700_000 }, random); // every other valid one is taken
    const valid = opaque(values.length).map((_, i) => (i % 5 === 0 ? 0 : 255));
    const taken = Array.from(values).filter((_, i) => valid[i] !== 0);
    const step = Math.floor(taken.length / (1 << 18)); // 2
    const sorted = Float64Array.from(taken.filter((_, i) => i % step === 0)).sort();
    const at = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
    expect(percentileRange(values, valid)).toEqual([at(0.02), at(0.98)]);
    expect(percentileRange(Float64Array.from(values), valid)).toEqual([at(0.02), at(0.98)]);
  });

  it('takes every value as valid when no validity is given', () => {
    expect(
      percentileRange(
        Uint16Array.from({ length: 101 }, (_, i) => i * 10),
        null,
      ),
    ).toEqual([20, 980]);
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

  it('maps typed integer bands exactly as plain numbers, through a table or as bytes', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 37) % 4000);
    const plain = toEightBit({ width: 100, height: 50, colour: [values], nodata: null, stretch: true });
    const typed = toEightBit({
      width: 100,
      height: 50,
      colour: [Uint16Array.from(values)],
      nodata: null,
      stretch: true,
    });
    expect(typed).toEqual(plain);
    const rgb = [0, 1, 2].map((b) => Uint8Array.from(values, (v) => (v + b) % 256));
    const bytes = toEightBit({ width: 100, height: 50, colour: rgb, nodata: null, stretch: false });
    expect(bytes.channels).toBe(3); // integers without nodata or alpha: nothing can be transparent
    expect(bytes).toEqual(
      toEightBit({ width: 100, height: 50, colour: rgb.map((band) => Array.from(band)), nodata: null, stretch: false }),
    );
  });

  it('shows a flat band as mid grey', () => {
    const image = toEightBit({ width: 3, height: 1, colour: [[700, 700, 700]], nodata: null, stretch: true });
    expect(Array.from(image.pixels)).toEqual([128, 128, 128]);
  });
});

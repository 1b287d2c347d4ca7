import { paletteToRgb } from './palette';

describe('paletteToRgb', () => {
  // Four entries: black, red, green, white; 16-bit values as TIFF stores them.
  const colorMap = [0, 0xffff, 0, 0xffff, 0, 0, 0xffff, 0xffff, 0, 0, 0, 0xffff];

  it('maps each index through the red, green and blue thirds of the map', () => {
    const [r, g, b] = paletteToRgb([0, 1, 2, 3], colorMap);
    expect(Array.from(r)).toEqual([0, 255, 0, 255]);
    expect(Array.from(g)).toEqual([0, 0, 255, 255]);
    expect(Array.from(b)).toEqual([0, 0, 0, 255]);
  });

  it('shows an index past the map as black', () => {
    const [r, g, b] = paletteToRgb([9, NaN], colorMap);
    expect([...r, ...g, ...b]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

import { traceComponents, type PixelRing } from './trace-outlines';

/** A mask from rows of text: '#' is an object pixel. */
function maskOf(rows: string[]) {
  const width = rows[0].length;
  const mask = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => [...row].forEach((c, x) => (mask[y * width + x] = c === '#' ? 1 : 0)));
  return { mask, width, height: rows.length };
}

const area = (ring: PixelRing) =>
  Math.abs(ring.slice(0, -1).reduce((s, [x, y], i) => s + x * ring[i + 1][1] - ring[i + 1][0] * y, 0) / 2);
const polygonArea = (rings: PixelRing[]) => area(rings[0]) - rings.slice(1).reduce((s, r) => s + area(r), 0);

describe('traceComponents', () => {
  it('outlines one pixel as its four corners, closed', () => {
    const { mask, width, height } = maskOf(['...', '.#.', '...']);
    expect(traceComponents(mask, width, height)).toEqual([
      {
        rings: [
          [
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 2],
            [1, 1],
          ],
        ],
        pixels: 1,
      },
    ]);
  });

  it('draws a rectangle with four corners only, and an object at the edge of the window too', () => {
    const { mask, width, height } = maskOf(['###.', '###.', '....']);
    const [component] = traceComponents(mask, width, height);
    expect(component.rings[0]).toHaveLength(5);
    expect(polygonArea(component.rings)).toBe(6);
  });

  it('gives an object with a hole its outer ring and the hole, the area being its pixel count', () => {
    const { mask, width, height } = maskOf(['#####', '#...#', '#.#.#', '#...#', '#####']);
    const components = traceComponents(mask, width, height);
    // The ring and the pixel in its hole are two objects.
    expect(components.map((c) => c.pixels)).toEqual([16, 1]);
    expect(components[0].rings).toHaveLength(2);
    expect(polygonArea(components[0].rings)).toBe(16);
    expect(polygonArea(components[1].rings)).toBe(1);
  });

  it('keeps two objects that touch only at a corner apart', () => {
    const { mask, width, height } = maskOf(['##..', '##..', '..##', '..##']);
    const components = traceComponents(mask, width, height);
    expect(components.map((c) => [c.pixels, c.rings.length, polygonArea(c.rings)])).toEqual([
      [4, 1, 4],
      [4, 1, 4],
    ]);
  });

  it('outlines one object touching itself at a corner as one polygon with its hole', () => {
    // A diagonal pinch inside one object: the hole touches the outline at a corner.
    const { mask, width, height } = maskOf(['####', '#..#', '#.##', '####']);
    const components = traceComponents(mask, width, height);
    expect(components).toHaveLength(1);
    expect(polygonArea(components[0].rings)).toBe(13);
  });

  it('finds every object of a noisy mask, their areas adding up to the mask', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const width = 61;
    const height = 47;
    const mask = Uint8Array.from({ length: width * height }, () => (random() < 0.45 ? 1 : 0));
    const components = traceComponents(mask, width, height);
    const objectPixels = mask.reduce((s, v) => s + v, 0);
    expect(components.reduce((s, c) => s + c.pixels, 0)).toBe(objectPixels);
    for (const c of components) expect(polygonArea(c.rings)).toBe(c.pixels);
  });

  it('answers nothing for an empty mask', () => {
    const { mask, width, height } = maskOf(['....', '....']);
    expect(traceComponents(mask, width, height)).toEqual([]);
  });
});

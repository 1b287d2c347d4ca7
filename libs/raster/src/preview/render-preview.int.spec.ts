import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { aGeoTiff, removeGeoTiffFixtures, type GeoTiffOptions } from '../geotiff/testing/a-geotiff.builder';
import { fileRangeSource } from '../geotiff/testing/file-range-source';
import { gdalReading } from '../geotiff/testing/gdal.oracle';
import { renderPreview, type Rendition } from './render-preview';

// Every case renders a GDAL-written file and asserts on the decoded output pixels: size, aspect,
// which bands show, the stretch and transparency.

interface Decoded {
  width: number;
  height: number;
  channels: number;
  /** Channel `c` at a fraction (fx, fy) of the output's width and height. */
  at(fx: number, fy: number, c: number): number;
}

async function decode(rendition: Rendition): Promise<Decoded> {
  const { channels } = await sharp(rendition.bytes).metadata();
  // sharp decodes grey to sRGB: channels are read back as the file stores them (grey + alpha
  // from the decoded RGBA's red and alpha).
  const { data, info } = await sharp(rendition.bytes).raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const decodedChannel = (c: number) => (channels <= 2 && c === 1 ? info.channels - 1 : c);
  return {
    width,
    height,
    channels,
    at: (fx, fy, c) =>
      data[(Math.floor(fy * (height - 1)) * width + Math.floor(fx * (width - 1))) * info.channels + decodedChannel(c)],
  };
}

async function render(options: GeoTiffOptions) {
  const path = aGeoTiff(options);
  const reading = gdalReading(path);
  const source = await fileRangeSource(path);
  const preview = await renderPreview(source, { dtypes: reading.dtypes, nodata: reading.nodata });
  const [s, l] = await Promise.all([decode(preview.renditions.s), decode(preview.renditions.l)]);
  return { preview, s, l, source };
}

afterAll(() => removeGeoTiffFixtures());

describe('renderPreview', () => {
  it('8-bit RGB: JPEG, RGB as stored, fitted to 1024 and 256 with the aspect kept', async () => {
    const { preview, s, l } = await render({
      width: 2000,
      height: 1000,
      bands: 3,
      pixels: (band, x, y) => [Math.floor((x / 2000) * 255), Math.floor((y / 1000) * 255), 200][band],
    });
    expect(preview.renditions.l.format).toBe('jpeg');
    expect([l.width, l.height, l.channels]).toEqual([1024, 512, 3]);
    expect([s.width, s.height, s.channels]).toEqual([256, 128, 3]);
    expect(preview.bands).toEqual({ shown: [1, 2, 3], alpha: null });
    expect(preview.stretch).toBeNull();
    for (const image of [s, l]) {
      expect(image.at(0.02, 0.5, 0)).toBeLessThan(15); // red grows left → right
      expect(image.at(0.98, 0.5, 0)).toBeGreaterThan(240);
      expect(image.at(0.5, 0.02, 1)).toBeLessThan(15); // green grows top → bottom
      expect(image.at(0.5, 0.98, 1)).toBeGreaterThan(240);
      expect(Math.abs(image.at(0.5, 0.5, 2) - 200)).toBeLessThan(8); // blue stays 200
    }
  });

  it('never enlarges a small image', async () => {
    const { l, s } = await render({ width: 300, height: 120, bands: 3, pixels: () => 90 });
    expect([l.width, l.height]).toEqual([300, 120]);
    expect([s.width, s.height]).toEqual([256, 102]);
  });

  it('1-band 16-bit: grey, stretched between its 2 % and 98 % values', async () => {
    const { preview, l } = await render({
      width: 1200,
      height: 400,
      dtype: 'UInt16',
      pixels: (_, x) => 1000 + Math.floor((x / 1200) * 4000),
    });
    expect(preview.bands).toEqual({ shown: [1], alpha: null });
    expect(l.channels).toBe(1);
    const [[low, high]] = preview.stretch!;
    expect(low).toBeGreaterThan(1040);
    expect(low).toBeLessThan(1120);
    expect(high).toBeGreaterThan(4880);
    expect(high).toBeLessThan(4960);
    expect(l.at(0.005, 0.5, 0)).toBe(0); // below the 2 % value: clipped to black
    expect(l.at(0.995, 0.5, 0)).toBe(255);
    expect(Math.abs(l.at(0.5, 0.5, 0) - 128)).toBeLessThan(6); // the middle value lands mid-grey
  });

  it('4-band 16-bit without alpha: the first three bands as RGB, each stretched on its own', async () => {
    const { preview, l } = await render({
      width: 800,
      height: 800,
      bands: 4,
      dtype: 'UInt16',
      // red bright left, green bright top, blue 0..10000 left→right, band 4 would be bright everywhere.
      pixels: (band, x, y) => [x < 400 ? 3000 : 100, y < 400 ? 60000 : 5000, (x / 800) * 10000, 65000][band],
    });
    expect(preview.bands).toEqual({ shown: [1, 2, 3], alpha: null });
    expect(preview.renditions.l.format).toBe('jpeg');
    expect(l.channels).toBe(3);
    expect(l.at(0.1, 0.9, 0)).toBeGreaterThan(240);
    expect(l.at(0.9, 0.9, 0)).toBeLessThan(15);
    expect(l.at(0.9, 0.1, 1)).toBeGreaterThan(240);
    expect(l.at(0.9, 0.9, 1)).toBeLessThan(15);
    // Away from the red and green edges, where JPEG's chroma subsampling mixes colours.
    expect(l.at(0.01, 0.25, 2)).toBeLessThan(15);
    expect(l.at(0.99, 0.25, 2)).toBeGreaterThan(240);
  });

  it('more than four bands: the first three', async () => {
    const { preview, l } = await render({
      width: 200,
      height: 200,
      bands: 6,
      pixels: (band) => [10, 20, 30, 250, 250, 250][band],
    });
    expect(preview.bands.shown).toEqual([1, 2, 3]);
    expect(l.channels).toBe(3);
    expect(l.at(0.5, 0.5, 0)).toBeLessThan(40);
  });

  it('float32 with NaN: NaN is transparent (PNG), the rest stretched', async () => {
    const { preview, l, s } = await render({
      width: 1000,
      height: 500,
      dtype: 'Float32',
      pixels: (_, x, y) => (x < 250 ? NaN : -1 + (y / 500) * 2),
    });
    expect(preview.renditions.l.format).toBe('png');
    expect(preview.renditions.s.format).toBe('png');
    for (const image of [l, s]) {
      expect(image.channels).toBe(2); // grey + alpha
      expect(image.at(0.1, 0.5, 1)).toBe(0);
      expect(image.at(0.6, 0.5, 1)).toBe(255);
      expect(image.at(0.6, 0.01, 0)).toBeLessThan(15);
      expect(image.at(0.6, 0.99, 0)).toBeGreaterThan(240);
    }
  });

  it('declared nodata is transparent (PNG); other pixels keep their colour', async () => {
    const { preview, l } = await render({
      width: 600,
      height: 600,
      bands: 3,
      nodata: 0,
      pixels: (band, x) => (x >= 300 ? 0 : [200, 100, 50][band]),
    });
    expect(preview.renditions.l.format).toBe('png');
    expect(l.channels).toBe(4);
    expect(l.at(0.25, 0.5, 3)).toBe(255);
    expect(l.at(0.75, 0.5, 3)).toBe(0);
    expect(Math.abs(l.at(0.25, 0.5, 0) - 200)).toBeLessThan(3);
  });

  it('an alpha band: RGB with its transparency', async () => {
    const { preview, l } = await render({
      width: 400,
      height: 400,
      bands: 4,
      colorInterp: ['Red', 'Green', 'Blue', 'Alpha'],
      pixels: (band, _, y) => [40, 160, 240, y < 200 ? 0 : 255][band],
    });
    expect(preview.bands).toEqual({ shown: [1, 2, 3], alpha: 4 });
    expect(l.channels).toBe(4);
    expect(l.at(0.5, 0.2, 3)).toBe(0);
    expect(l.at(0.5, 0.8, 3)).toBe(255);
    expect([0, 1, 2].map((c) => l.at(0.5, 0.8, c))).toEqual([40, 160, 240]);
  });

  it('a COG: reads only the smallest overview with enough pixels, a fraction of the file', async () => {
    const { preview, l, s, source } = await render({
      width: 6000,
      height: 3000,
      bands: 3,
      format: 'COG',
      compress: 'DEFLATE',
      // Red is noise, so the file is as large as real imagery and a full read would show.
      pixels: (band, x, y) =>
        [(x * 7919 + y * 104729 + ((x * y) >> 3)) & 255, Math.floor(y / 12), x < 3000 ? 20 : 230][band],
    });
    expect(preview.level.index).toBeGreaterThan(0);
    expect(preview.level.width).toBeGreaterThanOrEqual(1024);
    expect(preview.level.width).toBeLessThan(2048);
    expect([l.width, l.height]).toEqual([1024, 512]);
    expect([s.width, s.height]).toEqual([256, 128]);
    expect(l.at(0.2, 0.5, 2)).toBeLessThan(30);
    expect(l.at(0.8, 0.5, 2)).toBeGreaterThan(220);
    expect(Math.abs(l.at(0.5, 0.5, 1) - 125)).toBeLessThan(8); // green: y / 12
    expect(source.bytesRead).toBeLessThan(source.size / 4);
  });

  it('a 10,000 × 10,000 striped RGB file: streamed with bounded reads, fitted exactly', async () => {
    const { preview, l, s, source } = await render({
      width: 10_000,
      height: 10_000,
      bands: 3,
      pixels: (band, x, y) => [x < 5000 ? 250 : 5, y < 5000 ? 250 : 5, 128][band],
    });
    expect(preview.level).toEqual({ index: 0, width: 10_000, height: 10_000 });
    expect([l.width, l.height, l.channels]).toEqual([1024, 1024, 3]);
    expect([s.width, s.height, s.channels]).toEqual([256, 256, 3]);
    expect(l.at(0.25, 0.25, 0)).toBeGreaterThan(235);
    expect(l.at(0.75, 0.25, 0)).toBeLessThan(20);
    expect(l.at(0.25, 0.75, 1)).toBeLessThan(20);
    expect(Math.abs(s.at(0.25, 0.25, 2) - 128)).toBeLessThan(8);
    expect(source.bytesRead).toBeLessThanOrEqual(source.size);
  }, 120_000);

  it('a palette image shows its colours (GDAL expanding the same palette is the oracle)', async () => {
    const path = join(__dirname, '../../../../../shared/fixtures/geotiff/utm.tif');
    const dir = mkdtempSync(join(tmpdir(), 'palette-'));
    try {
      const expanded = join(dir, 'rgb.tif');
      execFileSync('gdal_translate', ['-q', '-expand', 'rgb', path, expanded]);
      const oracle = await sharp(expanded).raw().toBuffer({ resolveWithObject: true });
      const reading = gdalReading(path);
      const preview = await renderPreview(await fileRangeSource(path), {
        dtypes: reading.dtypes,
        nodata: reading.nodata,
      });
      expect(preview.renditions.l.format).toBe('png'); // categories: JPEG would smear single pixels
      const ours = await sharp(preview.renditions.l.bytes).raw().toBuffer({ resolveWithObject: true });
      expect([ours.info.width, ours.info.height, ours.info.channels]).toEqual([
        oracle.info.width,
        oracle.info.height,
        3,
      ]);
      let difference = 0;
      for (let i = 0; i < ours.info.width * ours.info.height; i++) {
        for (let c = 0; c < 3; c++)
          difference += Math.abs(ours.data[i * 3 + c] - oracle.data[i * oracle.info.channels + c]);
      }
      // At its own size the preview is the palette's colours, pixel for pixel.
      expect(difference).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import type { GeoTIFFImage } from 'geotiff';
import { blockDecoderFor, type BlockDecoder } from './block-decoder';
import { blockSamplesOf, type BlockSamples, type SampleArray } from './block-samples';
import { sampleIndices, type Size } from './preview-geometry';

/** Where the sampled values go: one array per sample, or one array with the samples interleaved. */
export type SampleOrder = 'planar' | 'interleaved';

/** Sampled positions (grid indices, and where they fall) within one block row or block column. */
interface Span {
  block: number;
  /** First pixel of the block along this axis. */
  start: number;
  positions: Int32Array;
  /** Grid index of `positions[0]`. */
  first: number;
}

/** One output array, and where a sample's values sit in it. */
interface Target {
  values: SampleArray;
  /** Values per grid position: 1 per-sample, the sample count interleaved. */
  stride: number;
  offset: number;
}

interface BlockRead {
  row: Span;
  col: Span;
  /** The plane read: 0 for chunky files, the sample for planar ones. */
  plane: number;
  /** The file samples this block gives, and where each goes. */
  samples: { sample: number; target: Target }[];
}

/**
 * The values of `samples` at `grid` evenly spaced positions of one level, copied out of each
 * strip or tile that holds a sampled position, `inFlight` blocks at a time: straight from the
 * decoded block's typed array, never value by value through a DataView. Rows of wanted values
 * that lie side by side in both the block and the output are copied whole.
 */
export async function sampleLevel(
  image: GeoTIFFImage,
  grid: Size,
  samples: number[],
  order: SampleOrder,
  inFlight: number,
): Promise<SampleArray[]> {
  const layout = blockSamplesOf(image);
  const decoder = await blockDecoderFor(image);
  const [width, height] = [image.getWidth(), image.getHeight()];
  const [tileWidth, tileHeight] = [image.getTileWidth(), image.getTileHeight()];
  const rows = spans(sampleIndices(height, grid.height), tileHeight, Math.ceil(height / tileHeight));
  const cols = spans(sampleIndices(width, grid.width), tileWidth, Math.ceil(width / tileWidth));
  const cells = grid.width * grid.height;
  const out =
    order === 'planar' ? samples.map(() => layout.allocate(cells)) : [layout.allocate(cells * samples.length)];
  const targets: Target[] = samples.map((_, s) =>
    order === 'planar'
      ? { values: out[s], stride: 1, offset: 0 }
      : { values: out[0], stride: samples.length, offset: s },
  );
  const reads: BlockRead[] = [];
  for (const row of rows) {
    for (const col of cols) {
      const given = samples.map((sample, s) => ({ sample, target: targets[s] }));
      if (image.planarConfiguration === 1) reads.push({ row, col, plane: 0, samples: given });
      else given.forEach((one) => reads.push({ row, col, plane: one.sample, samples: [one] }));
    }
  }
  await inParallel(reads, inFlight, (read) => copyBlock(image, decoder, layout, read, grid));
  return out;
}

async function copyBlock(
  image: GeoTIFFImage,
  decoder: BlockDecoder,
  layout: BlockSamples,
  { row, col, plane, samples }: BlockRead,
  grid: Size,
): Promise<void> {
  const { data } = await image.getTileOrStrip(col.block, row.block, plane, decoder);
  const values = layout.view(data);
  const blockWidth = image.getTileWidth();
  const { stride } = layout;
  const columns = col.positions;
  const adjacentColumns = columns[columns.length - 1] - columns[0] === columns.length - 1;
  // Whole pixels alike in block and output (every sample, in the file's order): one copy a row.
  const [{ target }] = samples;
  const asStored =
    adjacentColumns &&
    target.stride === stride &&
    samples.length === stride &&
    samples.every((one) => one.target.offset === layout.offsetOf(one.sample));
  for (let r = 0; r < row.positions.length; r++) {
    const from = (row.positions[r] - row.start) * blockWidth - col.start;
    const to = (row.first + r) * grid.width + col.first;
    if (asStored) {
      const start = (from + columns[0]) * stride;
      target.values.set(values.subarray(start, start + columns.length * stride), to * stride);
      continue;
    }
    for (const one of samples) {
      const offset = layout.offsetOf(one.sample);
      copyRow(values, from, stride, offset, columns, one.target, to);
    }
  }
}

/** One sampled row of one sample: a small hot loop on its own, which V8 optimizes best. */
function copyRow(
  values: SampleArray,
  from: number,
  stride: number,
  offset: number,
  columns: Int32Array,
  { values: target, stride: step, offset: at }: Target,
  to: number,
): void {
  for (let c = 0, o = to * step + at; c < columns.length; c++, o += step) {
    target[o] = values[(from + columns[c]) * stride + offset];
  }
}

/** Groups sorted positions by the block (of `size` pixels) they fall in; blocks without any are left out. */
function spans(positions: Int32Array, size: number, blocks: number): Span[] {
  const out: Span[] = [];
  let i = 0;
  for (let block = 0; block < blocks && i < positions.length; block++) {
    const start = block * size;
    const first = i;
    while (i < positions.length && positions[i] < start + size) i++;
    if (i > first) out.push({ block, start, positions: positions.subarray(first, i), first });
  }
  return out;
}

/** Runs `work` on every item, at most `limit` at once, in order of start; fails with the first failure. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    try {
      while (next < items.length) await work(items[next++]);
    } catch (error) {
      next = items.length; // the others stop after their current item
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

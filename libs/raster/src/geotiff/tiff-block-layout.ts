/**
 * How the full-resolution image is cut into blocks (tiles or strips), as its IFD declares it, and
 * the rules a layout must meet for any file to hold it. Decided from IFD entry headers only (values
 * and array lengths), so hostile headers cost what honest ones do.
 */
export interface BlockLayout {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample?: ArrayLike<number>;
  /** PlanarConfiguration 2: every band in blocks of its own. */
  planar: boolean;
  /** TileWidth and TileLength for a tiled image; undefined for strips. */
  tile?: { width?: number; length?: number };
  /** RowsPerStrip of a stripped image; absent means one strip for the whole image (the TIFF default). */
  rowsPerStrip?: number;
  /** Entries in the block offset and byte-count arrays. */
  offsets: number;
  byteCounts: number;
}

/**
 * No writer makes tiles over 2^16 px a side (GDAL's default is 256, COGs use 512); one such tile
 * of float64 samples would already be 32 GB. Tile sizes that are not a multiple of 16 break the
 * spec but libtiff only warns and GDAL reads them, so they pass.
 */
export const MAX_TILE_SIDE = 2 ** 16;
/**
 * Blocks per image: 2^24 covers a 10^6 x 10^6 image of 256 px tiles, far beyond any plan, while its
 * offset arrays alone would be 128 MB. More is a crafted header (10^10 one-pixel tiles).
 */
export const MAX_BLOCKS = 2 ** 24;
/**
 * Above any imaging spectrometer's band count (hundreds); also keeps the per-band dtypes list that
 * every ImageValidated event carries far below Kafka's 1 MB message default.
 */
export const MAX_SAMPLES_PER_PIXEL = 10_000;
/** The widest TIFF sample: complex float64, two 64-bit parts. */
export const MAX_BITS_PER_SAMPLE = 128;

/** Why no file can hold this layout; undefined when it is sound. */
export function blockLayoutProblem(layout: BlockLayout): string | undefined {
  const { width, height } = layout;
  if (!(width >= 1 && height >= 1)) return `image of ${width}x${height} pixels`;
  const problem = samplesProblem(layout) ?? blockSizeProblem(layout);
  if (problem) return problem;
  const blocks = blockCountOf(layout);
  if (blocks > MAX_BLOCKS) return `${blocks} blocks, over the budget of ${MAX_BLOCKS}`;
  if (layout.offsets !== blocks || layout.byteCounts !== blocks) {
    return `${layout.offsets} block offsets and ${layout.byteCounts} byte counts for an image of ${blocks} blocks`;
  }
  return undefined;
}

/** Tiles across times tiles down (or strips), once per band when bands are separate. */
function blockCountOf({ width, height, samplesPerPixel, planar, tile, rowsPerStrip }: BlockLayout): number {
  const bands = planar ? samplesPerPixel : 1;
  if (tile) return Math.ceil(width / tile.width!) * Math.ceil(height / tile.length!) * bands;
  return Math.ceil(height / Math.min(rowsPerStrip ?? height, height)) * bands;
}

function samplesProblem({ samplesPerPixel, bitsPerSample }: BlockLayout): string | undefined {
  if (!(samplesPerPixel >= 1 && samplesPerPixel <= MAX_SAMPLES_PER_PIXEL)) {
    return `SamplesPerPixel ${samplesPerPixel}, outside 1..${MAX_SAMPLES_PER_PIXEL}`;
  }
  const declared = Math.min(bitsPerSample?.length ?? 0, samplesPerPixel);
  for (let band = 0; band < declared; band++) {
    const bits = bitsPerSample![band];
    if (!(bits >= 1 && bits <= MAX_BITS_PER_SAMPLE)) return `BitsPerSample ${bits}, outside 1..${MAX_BITS_PER_SAMPLE}`;
  }
  return undefined;
}

function blockSizeProblem({ tile, rowsPerStrip }: BlockLayout): string | undefined {
  if (!tile) return rowsPerStrip === 0 ? 'RowsPerStrip 0' : undefined;
  for (const [name, side] of [
    ['TileWidth', tile.width],
    ['TileLength', tile.length],
  ] as const) {
    if (side === undefined) return `tile offsets without ${name}`;
    if (!(side >= 1 && side <= MAX_TILE_SIDE)) return `${name} ${side}, outside 1..${MAX_TILE_SIDE}`;
  }
  return undefined;
}

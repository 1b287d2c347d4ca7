import type { RangeSource } from './range-source';

/** A geotiff.js byte request. */
export interface Slice {
  offset: number;
  length: number;
}

/** Raised when a header asks for more bytes than any sane header needs (a crafted tag count). */
export class ReadBudgetExceeded extends Error {}

export interface BlockCacheOptions {
  /** Bytes per range read. One block holds the header and first IFD of nearly every GeoTIFF. */
  blockSize: number;
  /** Total bytes this source may read; a header claiming more is not a header. */
  maxBytes: number;
  /**
   * Blocks kept once read, oldest dropped first; unbounded when absent (a header is small).
   * Pixel reads walk a file front to back and set this, so memory stays flat whatever its size.
   */
  maxBlocksHeld?: number;
  /**
   * Slices at least this long (a tile or strip, not a header field) are read on their own, exactly,
   * and handed over without a copy: caching them would only copy them once more. Unset, every
   * slice goes through the blocks.
   */
  directReadBytes?: number;
}

export const DEFAULT_BLOCK_CACHE: BlockCacheOptions = { blockSize: 16 * 1024, maxBytes: 8 * 1024 * 1024 };

/**
 * The source geotiff.js reads through (its `BaseSource` shape). geotiff.js asks for many small
 * slices (1 KiB at the IFD, a few bytes per out-of-line tag); each becomes aligned blocks, read
 * once and kept, with neighbouring missing blocks fetched in one range read. Reads past the end
 * come back short, as with HTTP ranges, and the parser then fails on its own bounds checks.
 */
export class BlockCachedSource {
  private readonly blocks = new Map<number, Promise<Buffer>>();
  private budget: number;

  constructor(
    private readonly source: RangeSource,
    private readonly options: BlockCacheOptions = DEFAULT_BLOCK_CACHE,
  ) {
    this.budget = options.maxBytes;
  }

  get fileSize(): number {
    return this.source.size;
  }

  async fetch(slices: Slice[]): Promise<ArrayBuffer[]> {
    return Promise.all(slices.map((slice) => this.read(slice)));
  }

  async fetchSlice(slice: Slice): Promise<Slice & { data: ArrayBuffer }> {
    return { ...slice, data: await this.read(slice) };
  }

  /**
   * A few bytes far from the header (one entry of a large offset array): served from blocks
   * already held, else read alone rather than as a whole block, so the cost stays the header's.
   */
  async readExact(offset: number, length: number): Promise<ArrayBuffer> {
    const { blockSize } = this.options;
    const first = Math.floor(offset / blockSize);
    const last = Math.floor((offset + length - 1) / blockSize);
    let held = true;
    for (let index = first; index <= last; index++) held &&= this.blocks.has(index);
    if (held || length <= 0) return this.read({ offset, length });
    if (length > this.budget) throw new ReadBudgetExceeded(`header reads would exceed ${this.options.maxBytes} bytes`);
    this.budget -= length;
    const bytes = await this.source.read(offset, Math.min(offset + length, this.source.size) - 1);
    return new Uint8Array(bytes).buffer;
  }

  async close(): Promise<void> {
    this.blocks.clear();
  }

  private async read({ offset, length }: Slice): Promise<ArrayBuffer> {
    const end = Math.min(offset + length, this.source.size);
    if (!(offset >= 0) || end <= offset) return new ArrayBuffer(0);
    const { directReadBytes } = this.options;
    if (directReadBytes !== undefined && end - offset >= directReadBytes) return this.readDirect(offset, end);
    const { blockSize } = this.options;
    const first = Math.floor(offset / blockSize);
    const last = Math.floor((end - 1) / blockSize);
    this.requestMissing(first, last);
    // Taken before awaiting: another read may evict these blocks while this one waits.
    const pending = new Map<number, Promise<Buffer>>();
    for (let index = first; index <= last; index++) pending.set(index, this.blocks.get(index)!);
    this.keepRecent(pending);
    const out = new Uint8Array(end - offset);
    for (let index = first; index <= last; index++) {
      const block = await pending.get(index)!;
      const blockStart = index * blockSize;
      const from = Math.max(offset, blockStart) - blockStart;
      const to = Math.min(end, blockStart + block.length) - blockStart;
      out.set(block.subarray(from, to), blockStart + from - offset);
    }
    return out.buffer;
  }

  private async readDirect(offset: number, end: number): Promise<ArrayBuffer> {
    if (end - offset > this.budget)
      throw new ReadBudgetExceeded(`header reads would exceed ${this.options.maxBytes} bytes`);
    this.budget -= end - offset;
    const bytes = await this.source.read(offset, end - 1);
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
  }

  /** Least recently used blocks go first: the header block, read for every strip's offset, stays. */
  private keepRecent(used: Map<number, Promise<Buffer>>): void {
    const { maxBlocksHeld } = this.options;
    if (maxBlocksHeld === undefined) return;
    for (const [index, block] of used) {
      this.blocks.delete(index);
      this.blocks.set(index, block);
    }
    for (const index of this.blocks.keys()) {
      if (this.blocks.size <= maxBlocksHeld) break;
      this.blocks.delete(index);
    }
  }

  /** Starts one range read per run of consecutive blocks not yet asked for. */
  private requestMissing(first: number, last: number): void {
    let runStart = -1;
    for (let index = first; index <= last + 1; index++) {
      const missing = index <= last && !this.blocks.has(index);
      if (missing && runStart < 0) runStart = index;
      if (!missing && runStart >= 0) {
        this.requestRun(runStart, index - 1);
        runStart = -1;
      }
    }
  }

  private requestRun(first: number, last: number): void {
    const { blockSize } = this.options;
    const start = first * blockSize;
    const endInclusive = Math.min((last + 1) * blockSize, this.source.size) - 1;
    const length = endInclusive - start + 1;
    if (length > this.budget) {
      throw new ReadBudgetExceeded(`header reads would exceed ${this.options.maxBytes} bytes`);
    }
    this.budget -= length;
    const run = this.source.read(start, endInclusive);
    for (let index = first; index <= last; index++) {
      const from = (index - first) * blockSize;
      const block = run.then((bytes) => bytes.subarray(from, from + blockSize));
      // A failed run surfaces through whichever read awaits it first; the rest must not go unhandled.
      block.catch(() => undefined);
      this.blocks.set(index, block);
    }
  }
}

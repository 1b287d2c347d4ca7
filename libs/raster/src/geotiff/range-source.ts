/**
 * The narrow port validation reads through: an object of known size read by inclusive byte ranges,
 * the way HTTP Range requests (and so GCS) address bytes. The storage library's `readRange` backs it
 * in the ingest service; tests back it with a local file.
 */
export interface RangeSource {
  readonly size: number;
  /** Bytes `start..endInclusive`; shorter only where the object ends first. */
  read(start: number, endInclusive: number): Promise<Buffer>;
}

/** A RangeSource that also tells what reading cost: proof that validation never touches pixels. */
export interface MeasuredRangeSource extends RangeSource {
  readonly bytesRead: number;
  readonly reads: number;
}

export function measuredRangeSource(source: RangeSource): MeasuredRangeSource {
  let bytesRead = 0;
  let reads = 0;
  return {
    size: source.size,
    get bytesRead() {
      return bytesRead;
    },
    get reads() {
      return reads;
    },
    async read(start, endInclusive) {
      const bytes = await source.read(start, endInclusive);
      reads += 1;
      bytesRead += bytes.length;
      return bytes;
    },
  };
}

import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { BaseDecoder, getDecoder, type GeoTIFFImage } from 'geotiff';

export type BlockDecoder = BaseDecoder;
type DecoderParameters = ConstructorParameters<typeof BaseDecoder>[0];

const inflateAsync = promisify(inflate);
/** TIFF Compression values for zlib-wrapped Deflate (the standard one and Adobe's). */
const DEFLATE = new Set([8, 32946]);
const TAG = { jpegTables: 347, lercParameters: 50674 } as const;
/** Room after a block's bytes, so that zlib ends the stream in the chunk it filled; a multiple of 8. */
const SPARE_BYTES = 64;

/**
 * geotiff.js inflates with pako on the main thread. Node's zlib is native and runs on the libuv
 * pool, so the tiles of a level inflate in parallel on every core while the next ones are read;
 * the predictor is still undone by geotiff.js (BaseDecoder.decode).
 */
class ZlibDeflateDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBuffer> {
    // One output chunk a little larger than a whole block: one trip to the pool per block (not one
    // per 16 KiB), one allocation, and the chunk itself handed on. Rows past a block's end are
    // never read, so the few spare bytes after it are harmless.
    const size = blockBytes(this.parameters);
    const bytes = await inflateAsync(new Uint8Array(buffer), { chunkSize: size + SPARE_BYTES });
    if (bytes.byteOffset === 0 && bytes.buffer.byteLength - bytes.byteLength <= SPARE_BYTES) {
      return bytes.buffer as ArrayBuffer;
    }
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}

function blockBytes({ tileWidth, tileHeight, bitsPerSample, planarConfiguration }: DecoderParameters): number {
  const bits = typeof bitsPerSample === 'number' ? [bitsPerSample] : Array.from(bitsPerSample);
  const pixelBits = planarConfiguration === 2 ? bits[0] : bits.reduce((sum, b) => sum + b, 0);
  return Math.max(64, Math.ceil((tileWidth * pixelBits) / 8) * tileHeight);
}

/**
 * The decoder for one level's strips or tiles: zlib for Deflate, geotiff.js's own for every other
 * compression, with the parameters geotiff.js would give it (its defaultDecoderParameterFn, plus
 * the JPEG tables and LERC parameters those decoders read).
 */
export async function blockDecoderFor(image: GeoTIFFImage): Promise<BlockDecoder> {
  const directory = image.fileDirectory;
  const compression = Number(directory.getValue('Compression') ?? 1);
  const parameters: DecoderParameters & Record<string, unknown> = {
    tileWidth: image.getTileWidth(),
    tileHeight: image.isTiled
      ? image.getTileHeight()
      : Number(directory.getValue('RowsPerStrip') ?? 0) || image.getHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: (directory.getValue('BitsPerSample') ?? 1) as number | number[], // TIFF's default: 1
    predictor: Number(await directory.loadValue('Predictor')) || 1,
    samplesPerPixel: image.getSamplesPerPixel(),
  };
  if (directory.hasTag(TAG.jpegTables)) parameters.JPEGTables = await directory.loadValue(TAG.jpegTables);
  if (directory.hasTag(TAG.lercParameters)) parameters.LercParameters = await directory.loadValue(TAG.lercParameters);
  return DEFLATE.has(compression) ? new ZlibDeflateDecoder(parameters) : getDecoder(compression, parameters);
}

import { GeoTIFF } from 'geotiff';
import { BlockCachedSource } from './block-cached-source';
import { aTiffHeader } from './testing/a-tiff-header.builder';
import { bufferRangeSource } from './testing/file-range-source';

// Tells when the workaround in guarded-image.ts can go: geotiff.js 3.0.5 allocates a deferred
// array's whole backing store when it parses the IFD, before a single value is read. Once this
// fails (upstream allocates lazily), drop guardedImage's reason to exist and unpin geotiff.
describe('geotiff.js (pinned 3.0.5) DeferredArray', () => {
  it('still allocates the whole array when the IFD is parsed, none of it read', async () => {
    const entries = 2 ** 20; // 8 MB as LONG8: enough to see, small enough to allocate here
    const { bytes, size } = aTiffHeader({ width: 1024 * 16, height: 1024 * 16, tile: 16, bigTiff: true });
    const source = new BlockCachedSource(bufferRangeSource(bytes, size));
    const ifd = (await (await GeoTIFF.fromSource(source)).getImage(0)).fileDirectory;

    const deferred = ifd.deferredArrays.get(324)!;
    expect(deferred.length).toBe(entries);
    expect(deferred.data.length).toBe(entries);
    expect(deferred.maskBitmap.every((loaded: number) => loaded === 0)).toBe(true);
  });
});

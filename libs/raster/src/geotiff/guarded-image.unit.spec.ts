import { GeoTIFF } from 'geotiff';
import { BlockCachedSource } from './block-cached-source';
import { guardedImage, MAX_TAG_VALUES } from './guarded-image';
import { aTiffHeader, type TiffHeaderOptions } from './testing/a-tiff-header.builder';
import { bufferRangeSource } from './testing/file-range-source';
import { tiffFileBytes } from './testing/tiff-header.builder';
import { TiffUnreadable } from './tiff-unreadable';

async function opened(bytes: Buffer, size = bytes.length) {
  const source = new BlockCachedSource(bufferRangeSource(bytes, size));
  const tiff = await GeoTIFF.fromSource(source);
  const getImage = jest.spyOn(tiff, 'getImage');
  return { tiff, source, getImage };
}

const header = (options: TiffHeaderOptions) => aTiffHeader({ width: 500_000, height: 500_000, tile: 16, ...options });

describe('guardedImage: no IFD reaches geotiff.js with counts that would make it map gigabytes', () => {
  it.each([
    ['classic', false],
    ['BigTIFF', true],
  ])('refuses %s offset arrays of more than %s entries before geotiff.js parses the IFD', async (_kind, bigTiff) => {
    const { bytes, size } = header({ bigTiff, blockEntries: MAX_TAG_VALUES + 1 });
    const { tiff, source, getImage } = await opened(bytes, size);

    await expect(guardedImage(tiff, source, 0)).rejects.toThrow(
      new RegExp(`tag 324 declares ${MAX_TAG_VALUES + 1} blocks`),
    );
    expect(getImage).not.toHaveBeenCalled();
  });

  it('refuses any tag with that many values, not only the block arrays', async () => {
    const bytes = tiffFileBytes([
      [
        { tag: 256, type: 'LONG', values: [1] },
        { tag: 257, type: 'LONG', values: [1] },
        { tag: 33550, type: 'DOUBLE', values: [], virtual: { offset: 8, count: 2 ** 32 - 1 } },
      ],
    ]);
    const { tiff, source, getImage } = await opened(bytes);

    await expect(guardedImage(tiff, source, 0)).rejects.toThrow(/tag 33550 declares 4294967295 values/);
    expect(getImage).not.toHaveBeenCalled();
  });

  it('refuses an overview whose IFD declares too much, after opening the image before it', async () => {
    const { bytes, size } = header({ width: 1000, height: 1000, tile: 256, overviews: 1 });
    const { tiff, source } = await opened(bytes, size);
    await expect(guardedImage(tiff, source, 1)).resolves.toBeDefined();

    // The overview's first entry count, rewritten in place: the image before it stays sound.
    const first = await tiff.getImage(0);
    const overviewAt = first.fileDirectory.nextIFDByteOffset;
    const hostile = Buffer.from(bytes);
    hostile.writeUInt32LE(MAX_TAG_VALUES + 1, overviewAt + 2 + 4);
    const reopened = await opened(hostile, size);
    await expect(guardedImage(reopened.tiff, reopened.source, 0)).resolves.toBeDefined();
    await expect(guardedImage(reopened.tiff, reopened.source, 1)).rejects.toBeInstanceOf(TiffUnreadable);
  });

  it('opens the largest plan in 256-pixel tiles, four bands stored apart: counts up to the limit pass', async () => {
    const { bytes, size } = header({ tile: 256, samplesPerPixel: 4, planar: true });
    const { tiff, source, getImage } = await opened(bytes, size);

    const image = await guardedImage(tiff, source, 0);
    expect(image.getWidth()).toBe(500_000);
    expect(getImage).toHaveBeenCalledWith(0);
  });

  it('refuses a BigTIFF IFD declaring more entries than libtiff reads', async () => {
    const bytes = tiffFileBytes([[{ tag: 256, type: 'LONG', values: [1] }]], { bigTiff: true });
    bytes.writeBigUInt64LE(2n ** 40n, 16);
    const { tiff, source } = await opened(bytes);

    await expect(guardedImage(tiff, source, 0)).rejects.toThrow(/declares 1099511627776 entries/);
  });
});

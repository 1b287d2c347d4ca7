import { randomUUID } from 'node:crypto';
import type { AttachImage } from '../src/domain/mosaic.decider';

type ValidatedImage = AttachImage['image'];

/** An image as ingest validated it: a 3-band 8-bit UTM 37N scene at 10 cm, near Moscow. */
export function aValidatedImage(
  overrides: Partial<Omit<ValidatedImage, 'metadata'>> & { metadata?: Partial<ValidatedImage['metadata']> } = {},
): ValidatedImage {
  const imageId = overrides.imageId ?? randomUUID();
  const { metadata, ...rest } = overrides;
  return {
    imageId,
    uploadId: `upload-${imageId}`,
    filename: 'scene.tif',
    fileSize: 1000,
    checksum: 'a9993e364706816aba3e25717850c26c9cd0d89d',
    storageUri: `gs://imagery/${imageId}`,
    footprint: 'POLYGON ((37 56, 38 56, 38 55, 37 55, 37 56))',
    ...rest,
    metadata: {
      crs: 'EPSG:32637',
      count: 3,
      width: 100,
      height: 50,
      dtypes: ['uint8', 'uint8', 'uint8'],
      nodata: null,
      pixelSize: [0.1, 0.1],
      ...metadata,
    },
  };
}

/** A footprint one degree square with its north-west corner at (lon, 56). */
export function squareFootprint(lon: number): string {
  return `POLYGON ((${lon} 56, ${lon + 1} 56, ${lon + 1} 55, ${lon} 55, ${lon} 56))`;
}

import type { BandSamples } from './eight-bit';

/**
 * A palette image's indices as red, green and blue bands (8-bit), through the TIFF ColorMap: all
 * red entries, then all green, then all blue, 16 bits each (2^bits entries per colour). An index
 * past the map shows black rather than failing the preview.
 */
export function paletteToRgb(indices: BandSamples, colorMap: ArrayLike<number>): [Uint8Array, Uint8Array, Uint8Array] {
  const entries = Math.floor(colorMap.length / 3);
  const channels: [Uint8Array, Uint8Array, Uint8Array] = [
    new Uint8Array(indices.length),
    new Uint8Array(indices.length),
    new Uint8Array(indices.length),
  ];
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!(index >= 0 && index < entries)) continue;
    for (let c = 0; c < 3; c++) channels[c][i] = colorMap[c * entries + index] >> 8;
  }
  return channels;
}

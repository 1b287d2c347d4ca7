import { chooseBands } from './band-layout';

const UNSPECIFIED = 0;
const ASSOCIATED_ALPHA = 1;
const UNASSOCIATED_ALPHA = 2;

describe('chooseBands', () => {
  it.each([
    ['1 band: grey', 1, [], { colour: [0], alpha: null }],
    ['2 bands, second declared alpha: grey + alpha', 2, [UNASSOCIATED_ALPHA], { colour: [0], alpha: 1 }],
    ['2 bands, second not alpha: the first as grey', 2, [UNSPECIFIED], { colour: [0], alpha: null }],
    ['3 bands: RGB', 3, [], { colour: [0, 1, 2], alpha: null }],
    ['4 bands, fourth alpha: RGBA', 4, [ASSOCIATED_ALPHA], { colour: [0, 1, 2], alpha: 3 }],
    [
      '4 bands, none alpha: the first three',
      4,
      [UNSPECIFIED, UNSPECIFIED, UNSPECIFIED],
      { colour: [0, 1, 2], alpha: null },
    ],
    [
      '8 bands, last alpha: still the first three',
      8,
      [0, 0, 0, 0, UNASSOCIATED_ALPHA],
      { colour: [0, 1, 2], alpha: null },
    ],
  ])('%s', (_, count, extraSamples, expected) => {
    expect(chooseBands(count, extraSamples)).toEqual(expected);
  });
});

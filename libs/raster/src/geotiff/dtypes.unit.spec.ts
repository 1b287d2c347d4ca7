import { dtypesOf } from './dtypes';

describe('dtypesOf', () => {
  it.each([
    [8, 1, 'uint8'],
    [16, 1, 'uint16'],
    [16, 2, 'int16'],
    [32, 1, 'uint32'],
    [32, 2, 'int32'],
    [32, 3, 'float32'],
    [64, 3, 'float64'],
    [8, 2, 'int8'],
    [1, 1, 'uint8'],
    [12, 1, 'uint16'],
    [16, 3, 'float32'],
    [8, 4, 'uint8'],
    [32, 5, 'complex_int16'],
    [64, 6, 'complex64'],
  ])('maps %i bits of SampleFormat %i to %s, as GDAL does', (bits, format, dtype) => {
    expect(dtypesOf([bits], [format], 1)).toEqual([dtype]);
  });

  it('gives one dtype per band from per-sample or single values; SampleFormat defaults to unsigned', () => {
    expect(dtypesOf([16, 16, 16, 16], undefined, 4)).toEqual(['uint16', 'uint16', 'uint16', 'uint16']);
    expect(dtypesOf([32], [3], 2)).toEqual(['float32', 'float32']);
    expect(dtypesOf([8, 8, 8, 16], [1, 1, 1, 2], 4)).toEqual(['uint8', 'uint8', 'uint8', 'int16']);
  });

  it('refuses layouts no reader maps to a type', () => {
    expect(dtypesOf([12], [2], 1)).toBeNull();
    expect(dtypesOf([48], [3], 1)).toBeNull();
    expect(dtypesOf([8], [9], 1)).toBeNull();
  });
});

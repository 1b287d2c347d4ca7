import { formatBytes } from './bytes';

describe('sizes shown to people', () => {
  it('counts in powers of 1024, so the free plan reads as 1 GB', () => {
    expect(formatBytes(1073741824)).toBe('1 GB');
    expect(formatBytes(10737418240)).toBe('10 GB');
  });

  it('keeps three significant digits and drops a trailing zero', () => {
    expect(formatBytes(12092)).toBe('11.8 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(4003456)).toBe('3.82 MB');
    expect(formatBytes(150 * 1048576)).toBe('150 MB');
  });

  it('moves to the next unit at 1000, so nearly 1 GB free reads as 1 GB', () => {
    expect(formatBytes(1073741824 - 12092)).toBe('1 GB');
    expect(formatBytes(1000 * 1048576)).toBe('0.98 GB');
    expect(formatBytes(999 * 1048576)).toBe('999 MB');
    expect(formatBytes(1023)).toBe('1 KB');
  });

  it('says bytes below a thousand, and a dash for nonsense', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

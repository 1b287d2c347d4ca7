import { positionOf } from './stream-position';

describe('positionOf', () => {
  it('the version right after the applied one is next', () => {
    expect(positionOf(0, 1)).toBe('next');
    expect(positionOf(4, 5)).toBe('next');
  });

  it('a version at or below the applied one was applied already (a redelivery)', () => {
    expect(positionOf(5, 5)).toBe('applied-already');
    expect(positionOf(5, 2)).toBe('applied-already');
  });

  it('a version further on leaves a gap: the ones between are missing', () => {
    expect(positionOf(0, 2)).toBe('gap');
    expect(positionOf(3, 7)).toBe('gap');
  });
});

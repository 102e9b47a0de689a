import { describe, expect, it } from 'vitest';
import { pixelRegion } from './crop.ts';

describe(pixelRegion.name, () => {
  const size = { width: 100, height: 50 };

  it('should widen a box to whole pixels', () => {
    expect(pixelRegion([10.4, 5.6, 20.2, 15.1], size)).toEqual({
      left: 10,
      top: 5,
      width: 11,
      height: 11,
    });
  });

  it('should clip a box to the picture', () => {
    expect(pixelRegion([-10, -5, 120, 60], size)).toEqual({
      left: 0,
      top: 0,
      width: 100,
      height: 50,
    });
  });

  it('should refuse a box entirely outside the picture', () => {
    expect(() => pixelRegion([120, 10, 140, 20], size)).toThrow(RangeError);
  });
});

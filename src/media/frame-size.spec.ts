import { describe, expect, it } from 'vitest';
import { fitFrameSize } from './frame-size.ts';

describe(fitFrameSize.name, () => {
  it('should shrink the longer side to maxSide and keep the aspect', () => {
    expect(fitFrameSize({ width: 1920, height: 1080 }, 640)).toEqual({
      width: 640,
      height: 360,
      scale: 3,
    });
  });

  it('should shrink a portrait picture by its height', () => {
    expect(fitFrameSize({ width: 1080, height: 1920 }, 640)).toMatchObject({
      width: 360,
      height: 640,
    });
  });

  it('should keep the size when it already fits or no maxSide is given', () => {
    expect(fitFrameSize({ width: 321, height: 241 }, 640)).toEqual({
      width: 321,
      height: 241,
      scale: 1,
    });
    expect(fitFrameSize({ width: 321, height: 241 })).toEqual({
      width: 321,
      height: 241,
      scale: 1,
    });
  });

  it('should round odd sizes to whole pixels', () => {
    expect(fitFrameSize({ width: 321, height: 241 }, 200)).toMatchObject({
      width: 200,
      height: 150,
    });
  });
});

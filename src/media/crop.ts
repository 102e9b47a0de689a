import type { Box } from '../geometry/box.ts';

/** A crop region in whole pixels, inside the picture. */
export interface PixelRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The whole pixels a box covers inside a picture of the given size: clipped to the
 * picture and widened outwards to pixel edges. Fails when nothing of the box is inside.
 */
export function pixelRegion(box: Box, size: { width: number; height: number }): PixelRegion {
  const left = Math.max(0, Math.floor(box[0]));
  const top = Math.max(0, Math.floor(box[1]));
  const right = Math.min(size.width, Math.ceil(box[2]));
  const bottom = Math.min(size.height, Math.ceil(box[3]));
  if (right <= left || bottom <= top) {
    throw new RangeError(
      `Box [${box.join(', ')}] has no pixels inside a ${size.width}x${size.height} picture.`,
    );
  }
  return { left, top, width: right - left, height: bottom - top };
}

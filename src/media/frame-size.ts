export interface FrameSize {
  width: number;
  height: number;
  /** Source pixels per frame pixel (source = frame * scale). */
  scale: number;
}

/**
 * The size of decoded frames: the displayed size shrunk so its longer side is at most
 * `maxSide`, never enlarged. Rounded to whole pixels, with no even-size constraint since
 * frames are packed RGB.
 */
export function fitFrameSize(
  source: { width: number; height: number },
  maxSide?: number,
): FrameSize {
  const longest = Math.max(source.width, source.height);
  const factor = maxSide !== undefined && longest > maxSide ? maxSide / longest : 1;
  const width = Math.max(1, Math.round(source.width * factor));
  const height = Math.max(1, Math.round(source.height * factor));
  return { width, height, scale: source.width / width };
}

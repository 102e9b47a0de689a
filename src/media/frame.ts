/**
 * One decoded picture of a video, packed RGB (3 bytes a pixel, rows top to bottom).
 * It may be smaller than the source video: `scale` maps its pixels back to source pixels
 * (source = frame * scale), so every box stored or shown is in source-video pixels.
 */
export interface Frame {
  /** Position among the sampled frames, from 0. */
  index: number;
  /** Presentation time in seconds from the start of the video, as a player shows it. */
  t: number;
  width: number;
  height: number;
  data: Uint8Array;
  scale: number;
}

/** A still picture (a query photo, a crop) in the same packed RGB layout as a frame. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

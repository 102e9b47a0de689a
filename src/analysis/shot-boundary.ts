import type { RgbImage } from '../media/frame.ts';

/** Bins per colour channel of the frame histograms (4 × 4 × 4 = 64 bins). */
const BINS = 4;

/**
 * L1 distance (0..2) between consecutive frames' colour histograms above which the picture
 * is taken to have cut to another shot. People walking through a fixed camera's view move a
 * few hundredths of the histogram mass; a cut to another scene moves most of it.
 */
export const SHOT_CUT_DISTANCE = 0.6;

/** Pixels skipped between histogram samples, in each direction (speed, not accuracy). */
const STRIDE = 4;

/**
 * Tells when an edited video cuts to another shot, so that the tracker does not hand a
 * person's track to whoever stands at the same place after the cut.
 *
 * Known limit: a cut that keeps the backdrop (one face replaced by another in front of the
 * same wall) moves a quarter of the histogram or less, no more than a lighting change in
 * continuous footage, so it is missed and one track runs across both people; telling them
 * apart needs what they look like (a face or body embedding each side of the suspected cut).
 */
export class ShotBoundaryDetector {
  private previous: Float32Array | undefined;

  constructor(private readonly threshold = SHOT_CUT_DISTANCE) {}

  /** True when this frame starts a new shot (never for the first frame). */
  isCut(frame: RgbImage): boolean {
    const histogram = colourHistogram(frame);
    const previous = this.previous;
    this.previous = histogram;
    return previous !== undefined && histogramDistance(previous, histogram) > this.threshold;
  }
}

export function colourHistogram(image: RgbImage): Float32Array {
  const histogram = new Float32Array(BINS * BINS * BINS);
  const shift = 8 - Math.log2(BINS);
  let count = 0;
  for (let y = 0; y < image.height; y += STRIDE) {
    for (let x = 0; x < image.width; x += STRIDE) {
      const p = (y * image.width + x) * 3;
      const bin =
        ((image.data[p] >> shift) * BINS + (image.data[p + 1] >> shift)) * BINS +
        (image.data[p + 2] >> shift);
      histogram[bin]++;
      count++;
    }
  }
  for (let i = 0; i < histogram.length; i++) histogram[i] /= Math.max(1, count);
  return histogram;
}

export function histogramDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
}

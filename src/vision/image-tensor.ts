import type { Box } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';

/** How a model wants its pixels: channel order, then (value - mean) / std per channel. */
export interface PixelNormalisation {
  channelOrder: 'rgb' | 'bgr';
  /** Mean of the red, green and blue channels, in 0-255 units. */
  mean: readonly [number, number, number];
  /** Standard deviation of the red, green and blue channels, in 0-255 units. */
  std: readonly [number, number, number];
}

export interface ImageToTensorOptions {
  /** Tensor width and height (the model's input size). */
  width: number;
  height: number;
  normalisation: PixelNormalisation;
  /** Part of the image to sample, in image pixels; the whole image by default. */
  region?: Box;
  /** Size the region is stretched to, drawn at the tensor's top-left; the whole tensor by default. */
  drawWidth?: number;
  drawHeight?: number;
  /** Raw 0-255 value of the padding outside the drawn area. */
  padValue?: number;
  /** Tensor to write into (for batches), at `offset` floats; a new one by default. */
  target?: Float32Array;
  offset?: number;
}

/**
 * Writes an RGB image (or a region of it) into a planar NCHW float tensor, resized with bilinear
 * interpolation (pixel centres aligned, as OpenCV's INTER_LINEAR), normalised per channel.
 * Known limit: strong downscaling aliases (no area filter) because the detectors were trained on
 * OpenCV's bilinear resize, which aliases the same way.
 */
export function imageToTensor(image: RgbImage, options: ImageToTensorOptions): Float32Array {
  const { width, height, normalisation } = options;
  const plane = width * height;
  const offset = options.offset ?? 0;
  const target = options.target ?? new Float32Array(offset + 3 * plane);
  const drawWidth = Math.min(width, options.drawWidth ?? width);
  const drawHeight = Math.min(height, options.drawHeight ?? height);
  const region = options.region ?? [0, 0, image.width, image.height];
  const planes = channelPlanes(normalisation, plane, offset);

  if (drawWidth < width || drawHeight < height) {
    fillPadding(target, planes, plane, normalisation, options.padValue ?? 0);
  }
  const columns = samplingPositions(region[0], region[2], drawWidth, image.width);
  const rows = samplingPositions(region[1], region[3], drawHeight, image.height);
  drawBilinear(image, target, { width, drawWidth, drawHeight, columns, rows, planes });
  return target;
}

export interface Letterbox {
  tensor: Float32Array;
  /** Tensor pixels per image pixel: image coordinate = tensor coordinate / scale. */
  scale: number;
}

/** Scales the image to fit the tensor keeping its aspect ratio, at the top-left, padded. */
export function letterbox(
  image: RgbImage,
  options: Omit<ImageToTensorOptions, 'region' | 'drawWidth' | 'drawHeight'>,
): Letterbox {
  const scale = Math.min(options.width / image.width, options.height / image.height);
  const drawWidth = Math.max(1, Math.round(image.width * scale));
  const drawHeight = Math.max(1, Math.round(image.height * scale));
  const tensor = imageToTensor(image, { ...options, drawWidth, drawHeight });
  return { tensor, scale };
}

interface ChannelPlanes {
  /** Start of the red, green and blue planes in the target, and their normalisation. */
  start: [number, number, number];
  mean: [number, number, number];
  invStd: [number, number, number];
}

function channelPlanes(norm: PixelNormalisation, plane: number, offset: number): ChannelPlanes {
  const order = norm.channelOrder === 'rgb' ? [0, 1, 2] : [2, 1, 0];
  return {
    start: [offset + order[0] * plane, offset + order[1] * plane, offset + order[2] * plane],
    mean: [norm.mean[0], norm.mean[1], norm.mean[2]],
    invStd: [1 / norm.std[0], 1 / norm.std[1], 1 / norm.std[2]],
  };
}

function fillPadding(
  target: Float32Array,
  planes: ChannelPlanes,
  plane: number,
  norm: PixelNormalisation,
  padValue: number,
): void {
  for (let c = 0; c < 3; c++) {
    const value = (padValue - norm.mean[c]) / norm.std[c];
    target.fill(value, planes.start[c], planes.start[c] + plane);
  }
}

interface SamplingPositions {
  /** Lower and upper source index of each output position, and the weight of the upper one. */
  low: Int32Array;
  high: Int32Array;
  weight: Float32Array;
}

function samplingPositions(
  start: number,
  end: number,
  count: number,
  limit: number,
): SamplingPositions {
  const low = new Int32Array(count);
  const high = new Int32Array(count);
  const weight = new Float32Array(count);
  const step = (end - start) / count;
  for (let i = 0; i < count; i++) {
    const source = Math.min(Math.max(start + (i + 0.5) * step - 0.5, 0), limit - 1);
    const floor = Math.floor(source);
    low[i] = floor;
    high[i] = Math.min(floor + 1, limit - 1);
    weight[i] = source - floor;
  }
  return { low, high, weight };
}

interface DrawPlan {
  width: number;
  drawWidth: number;
  drawHeight: number;
  columns: SamplingPositions;
  rows: SamplingPositions;
  planes: ChannelPlanes;
}

function drawBilinear(image: RgbImage, target: Float32Array, plan: DrawPlan): void {
  const src = image.data;
  const stride = image.width * 3;
  const { low: x0s, high: x1s, weight: fxs } = plan.columns;
  const [r0, g0, b0] = plan.planes.start;
  const [mr, mg, mb] = plan.planes.mean;
  const [sr, sg, sb] = plan.planes.invStd;

  for (let dy = 0; dy < plan.drawHeight; dy++) {
    const top = plan.rows.low[dy] * stride;
    const bottom = plan.rows.high[dy] * stride;
    const fy = plan.rows.weight[dy];
    const row = dy * plan.width;
    for (let dx = 0; dx < plan.drawWidth; dx++) {
      const a = top + x0s[dx] * 3;
      const b = top + x1s[dx] * 3;
      const c = bottom + x0s[dx] * 3;
      const d = bottom + x1s[dx] * 3;
      const fx = fxs[dx];
      const o = row + dx;
      target[r0 + o] = (lerp2(src[a], src[b], src[c], src[d], fx, fy) - mr) * sr;
      target[g0 + o] = (lerp2(src[a + 1], src[b + 1], src[c + 1], src[d + 1], fx, fy) - mg) * sg;
      target[b0 + o] = (lerp2(src[a + 2], src[b + 2], src[c + 2], src[d + 2], fx, fy) - mb) * sb;
    }
  }
}

function lerp2(a: number, b: number, c: number, d: number, fx: number, fy: number): number {
  const top = a + (b - a) * fx;
  const bottom = c + (d - c) * fx;
  return top + (bottom - top) * fy;
}

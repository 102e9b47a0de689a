import type { Point } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';

/** Side of an aligned face, in pixels. */
export const ALIGNED_FACE_SIZE = 112;

/**
 * Where the five landmarks (order of FaceDetection) sit in a 112×112 aligned face: the
 * template ArcFace-style recognition models were trained on.
 */
export const ALIGNED_FACE_TEMPLATE: readonly Point[] = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];

/** x' = a·x − b·y + tx, y' = b·x + a·y + ty: rotation, uniform scale and translation. */
export interface SimilarityTransform {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/**
 * Cuts the face out of the image, rotated, scaled and shifted so its landmarks best match the
 * template (least squares), with bilinear sampling; outside the image is black.
 */
export function alignFace(image: RgbImage, landmarks: readonly Point[]): RgbImage {
  const transform = estimateSimilarity(landmarks, ALIGNED_FACE_TEMPLATE);
  return warpSimilarity(image, invertSimilarity(transform), ALIGNED_FACE_SIZE);
}

/**
 * The similarity transform mapping `from` onto `to` with the least squared error (Umeyama's
 * closed form, which in 2-D needs no SVD).
 */
export function estimateSimilarity(
  from: readonly Point[],
  to: readonly Point[],
): SimilarityTransform {
  if (from.length !== to.length || from.length < 2) {
    throw new RangeError(`Cannot fit a similarity to ${from.length} and ${to.length} points.`);
  }
  const [fx, fy] = centroid(from);
  const [tx, ty] = centroid(to);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < from.length; i++) {
    const x = from[i][0] - fx;
    const y = from[i][1] - fy;
    const u = to[i][0] - tx;
    const v = to[i][1] - ty;
    dot += x * u + y * v;
    cross += x * v - y * u;
    norm += x * x + y * y;
  }
  if (norm === 0) throw new RangeError('Cannot fit a similarity to points that all coincide.');
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: tx - (a * fx - b * fy), ty: ty - (b * fx + a * fy) };
}

export function applySimilarity(t: SimilarityTransform, point: Point): Point {
  return [t.a * point[0] - t.b * point[1] + t.tx, t.b * point[0] + t.a * point[1] + t.ty];
}

export function invertSimilarity(t: SimilarityTransform): SimilarityTransform {
  const det = t.a * t.a + t.b * t.b;
  const a = t.a / det;
  const b = -t.b / det;
  return { a, b, tx: -(a * t.tx - b * t.ty), ty: -(b * t.tx + a * t.ty) };
}

function centroid(points: readonly Point[]): Point {
  let x = 0;
  let y = 0;
  for (const point of points) {
    x += point[0];
    y += point[1];
  }
  return [x / points.length, y / points.length];
}

/** Fills a size×size image, sampling the source at `toSource` of each output pixel. */
function warpSimilarity(image: RgbImage, toSource: SimilarityTransform, size: number): RgbImage {
  const out = new Uint8Array(size * size * 3);
  const src = image.data;
  const stride = image.width * 3;
  const { a, b, tx, ty } = toSource;
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const x = a * u - b * v + tx;
      const y = b * u + a * v + ty;
      if (x <= -1 || y <= -1 || x >= image.width || y >= image.height) continue;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const o = (v * size + u) * 3;
      for (let c = 0; c < 3; c++) {
        const p00 = sample(src, stride, image.width, image.height, x0, y0, c);
        const p10 = sample(src, stride, image.width, image.height, x0 + 1, y0, c);
        const p01 = sample(src, stride, image.width, image.height, x0, y0 + 1, c);
        const p11 = sample(src, stride, image.width, image.height, x0 + 1, y0 + 1, c);
        const top = p00 + (p10 - p00) * fx;
        const bottom = p01 + (p11 - p01) * fx;
        out[o + c] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return { width: size, height: size, data: out };
}

/** One channel of one pixel, black outside the image (as OpenCV's constant border). */
function sample(
  src: Uint8Array,
  stride: number,
  width: number,
  height: number,
  x: number,
  y: number,
  channel: number,
): number {
  if (x < 0 || y < 0 || x >= width || y >= height) return 0;
  return src[y * stride + x * 3 + channel];
}

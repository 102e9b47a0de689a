import type { RgbImage } from '../media/frame.ts';
import type { FaceDetection } from '../vision/detection.ts';

/** Faces shorter than this (source pixels) are kept on the track but never embedded. */
export const MIN_EMBEDDABLE_FACE_PX = 20;

/** Face height (source pixels) from which size no longer improves recognition much. */
const FULL_QUALITY_FACE_PX = 90;

/** Laplacian variance of an aligned face at which it counts as sharp. */
const SHARP_LAPLACIAN_VARIANCE = 150;

export interface FaceQualityParts {
  size: number;
  score: number;
  pose: number;
  sharpness: number;
}

/**
 * How useful a face is for recognition, 0..1. A product, so that one bad factor (a profile,
 * a blur, a tiny face) sinks the face however good the others are.
 */
export function faceQuality(parts: FaceQualityParts): number {
  return parts.size * parts.score * parts.pose * (0.4 + 0.6 * parts.sharpness);
}

export function measureFaceQuality(options: {
  face: FaceDetection;
  /** Source pixels per frame pixel. */
  scale: number;
  aligned: RgbImage;
}): FaceQualityParts {
  const { face, scale, aligned } = options;
  const height = (face.box[3] - face.box[1]) * scale;
  return {
    size: sizeFactor(height),
    score: Math.min(1, Math.max(0, (face.score - 0.5) / 0.5)),
    pose: frontalness(face.landmarks),
    sharpness: sharpnessFactor(laplacianVariance(aligned)),
  };
}

function sizeFactor(heightPx: number): number {
  if (heightPx < MIN_EMBEDDABLE_FACE_PX) return 0;
  return Math.min(1, heightPx / FULL_QUALITY_FACE_PX);
}

/**
 * 1 for a frontal face, falling towards 0 as the head turns: the nose tip drifts from the
 * midpoint between the eyes, relative to the distance between them.
 */
export function frontalness(landmarks: FaceDetection['landmarks']): number {
  const [rightEye, leftEye, nose] = landmarks;
  const eyeDistance = Math.hypot(leftEye[0] - rightEye[0], leftEye[1] - rightEye[1]);
  if (eyeDistance < 1e-6) return 0;
  const midX = (rightEye[0] + leftEye[0]) / 2;
  const midY = (rightEye[1] + leftEye[1]) / 2;
  // Offset of the nose along the eye line, so that a tilted (rolled) head is not penalised.
  const ux = (leftEye[0] - rightEye[0]) / eyeDistance;
  const uy = (leftEye[1] - rightEye[1]) / eyeDistance;
  const yaw = Math.abs((nose[0] - midX) * ux + (nose[1] - midY) * uy) / eyeDistance;
  return Math.max(0, Math.min(1, 1 - 1.6 * yaw));
}

function sharpnessFactor(variance: number): number {
  return variance / (variance + SHARP_LAPLACIAN_VARIANCE);
}

/** Variance of the 4-neighbour Laplacian of the image's luma: low for blurred pictures. */
export function laplacianVariance(image: RgbImage): number {
  const { width, height, data } = image;
  const luma = new Float32Array(width * height);
  for (let i = 0, p = 0; i < luma.length; i++, p += 3) {
    luma[i] = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
  }
  let sum = 0;
  let sumSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value = luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - 4 * luma[i];
      sum += value;
      sumSquares += value * value;
      count++;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return sumSquares / count - mean * mean;
}

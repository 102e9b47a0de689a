import type { Box, Point } from '../geometry/box.ts';

/** A person found in one frame, box in the frame's pixels. */
export interface PersonDetection {
  box: Box;
  score: number;
}

/**
 * A face found in one frame, with five landmarks in the order the face detectors give them:
 * right eye, left eye (of the person), nose tip, right mouth corner, left mouth corner.
 */
export interface FaceDetection {
  box: Box;
  score: number;
  landmarks: [Point, Point, Point, Point, Point];
}

export type EmbeddingKind = 'face' | 'body';

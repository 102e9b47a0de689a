import { boxArea, boxHeight, type Box } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import {
  faceQuality,
  measureFaceQuality,
  MIN_EMBEDDABLE_FACE_PX,
} from '../analysis/face-quality.ts';
import { alignFace } from '../vision/align-face.ts';
import type { FaceDetection } from '../vision/detection.ts';
import type { SearchModels } from './search-models.ts';

/**
 * Longer side the face detector sees a query photo at: more than the 640 of video frames, as
 * one photo is cheap and a face in a large group photo may be small.
 */
const PHOTO_FACE_DETECTION_MAX_SIDE = 1280;

/** Faces shorter than this are found but too small to search with (the analysis's limit too). */
export const MIN_QUERY_FACE_PX = MIN_EMBEDDABLE_FACE_PX;

/** Under this height a face is searched with, but its scores are less reliable. */
export const RECOMMENDED_QUERY_FACE_PX = 40;

/** One face found in a query photo. */
export interface PhotoFace {
  /** Position in the list, largest face first: what `--face N` picks. */
  index: number;
  /** In the photo's pixels. */
  box: Box;
  /** The face detector's score, 0..1. */
  score: number;
  /** Height of the face in the photo's pixels. */
  size: number;
  /** 0..1, higher is better for recognition: size, detector score, pose, sharpness. */
  quality: number;
  /** False when the face is too small to search with. */
  usable: boolean;
  landmarks: FaceDetection['landmarks'];
}

export interface FindFacesOptions {
  photo: RgbImage;
  models: SearchModels;
}

/** Every face of a query photo, largest first. */
export async function findFacesInPhoto(options: FindFacesOptions): Promise<PhotoFace[]> {
  const { photo, models } = options;
  const detector = await models.faceDetector();
  const detections = await detector.detect(photo, { maxSide: PHOTO_FACE_DETECTION_MAX_SIDE });

  detections.sort((a, b) => boxArea(b.box) - boxArea(a.box));
  return detections.map((face, index) => {
    const aligned = alignFace(photo, face.landmarks);
    const size = Math.round(boxHeight(face.box));
    return {
      index,
      box: face.box,
      score: face.score,
      size,
      quality: faceQuality(measureFaceQuality({ face, scale: 1, aligned })),
      usable: size >= MIN_QUERY_FACE_PX,
      landmarks: face.landmarks,
    };
  });
}

/** The face embedding of one face of the photo. */
export async function embedPhotoFace(options: {
  photo: RgbImage;
  face: PhotoFace;
  models: SearchModels;
}): Promise<Float32Array> {
  const embedder = await options.models.faceEmbedder();
  const [embedding] = await embedder.embed([alignFace(options.photo, options.face.landmarks)]);
  return embedding;
}

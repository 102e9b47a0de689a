import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import { alignFace } from '../vision/align-face.ts';
import type { FaceDetection } from '../vision/detection.ts';
import { FaceDetector } from '../vision/face-detector.ts';
import { readPicture, sharedData, sharedModel } from '../vision/testing/shared-data.ts';
import {
  faceQuality,
  frontalness,
  laplacianVariance,
  measureFaceQuality,
  MIN_EMBEDDABLE_FACE_PX,
} from './face-quality.ts';

async function blurred(image: RgbImage, sigma: number): Promise<RgbImage> {
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const data = await sharp(image.data, { raw }).blur(sigma).raw().toBuffer();
  return { ...image, data: new Uint8Array(data) };
}

/** The landmarks turned by `degrees` about their centroid, as when the head tilts (rolls). */
function rolled(landmarks: FaceDetection['landmarks'], degrees: number) {
  const cx = landmarks.reduce((sum, [x]) => sum + x, 0) / landmarks.length;
  const cy = landmarks.reduce((sum, [, y]) => sum + y, 0) / landmarks.length;
  const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
  const turn = ([x, y]: Point): Point => [
    cx + (x - cx) * cos - (y - cy) * sin,
    cy + (x - cx) * sin + (y - cy) * cos,
  ];
  return landmarks.map(turn) as FaceDetection['landmarks'];
}

describe('face quality', () => {
  // A frontal, well lit portrait.
  let face: FaceDetection;
  let aligned: RgbImage;

  beforeAll(async () => {
    const photo = await readPicture(sharedData('faces', 'angelina_jolie', 'deepface__img5.jpg'));
    const detector = await FaceDetector.load(sharedModel('yunet_s_dynamic.onnx'));
    [face] = await detector.detect(photo);
    await detector.release();
    aligned = alignFace(photo, face.landmarks);
  });

  it('should rate a frontal face as frontal, however its head is tilted', () => {
    expect(frontalness(face.landmarks)).toBeGreaterThan(0.9);
    expect(frontalness(rolled(face.landmarks, 30))).toBeCloseTo(frontalness(face.landmarks), 6);
  });

  it('should rate a face lower as its nose turns towards one eye', () => {
    const [rightEye, leftEye, nose, ...mouth] = face.landmarks;
    const turned = (share: number): FaceDetection['landmarks'] =>
      [
        rightEye,
        leftEye,
        [nose[0] + share * (leftEye[0] - rightEye[0]), nose[1]],
        ...mouth,
      ] as FaceDetection['landmarks'];

    expect(frontalness(turned(0.2))).toBeLessThan(frontalness(face.landmarks));
    expect(frontalness(turned(0.4))).toBeLessThan(frontalness(turned(0.2)));
    expect(frontalness(turned(0.7))).toBe(0);
  });

  it('should measure a blurred face as less sharp than the same face', async () => {
    const soft = await blurred(aligned, 2);

    expect(laplacianVariance(soft)).toBeLessThan(laplacianVariance(aligned) / 3);
    const sharpParts = measureFaceQuality({ face, scale: 1, aligned });
    const softParts = measureFaceQuality({ face, scale: 1, aligned: soft });
    expect(faceQuality(softParts)).toBeLessThan(faceQuality(sharpParts));
  });

  it('should give no quality to a face shorter than the embeddable size in source pixels', () => {
    const height = face.box[3] - face.box[1];
    const scale = (MIN_EMBEDDABLE_FACE_PX - 1) / height;

    expect(faceQuality(measureFaceQuality({ face, scale, aligned }))).toBe(0);
    expect(faceQuality(measureFaceQuality({ face, scale: 1, aligned }))).toBeGreaterThan(0.5);
  });
});

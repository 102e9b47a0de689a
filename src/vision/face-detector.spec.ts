import { beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../geometry/box.ts';
import { FaceDetector } from './face-detector.ts';
import { readPicture, sharedData, sharedModel } from './testing/shared-data.ts';

const photo = (file: string) => readPicture(sharedData('group_photos', file));

describe(FaceDetector.name, () => {
  let detector: FaceDetector;
  beforeAll(async () => {
    detector = await FaceDetector.load(sharedModel('yunet_s_dynamic.onnx'));
  });

  it.each([
    ['faceapijs__bbt1.jpg', 4],
    ['faceapijs__bbt4.jpg', 6],
    ['deepface__couple.jpg', 2],
    ['openface__longoria-cooper.jpg', 2],
  ])('should find every face of %s (%i)', async (file, count) => {
    const faces = await detector.detect(await photo(file));

    expect(faces).toHaveLength(count);
  });

  it('should find a plausible number of faces in each Big Bang Theory still', async () => {
    for (const file of ['faceapijs__bbt2.jpg', 'faceapijs__bbt3.jpg', 'faceapijs__bbt5.jpg']) {
      const faces = await detector.detect(await photo(file));

      expect(faces.length).toBeGreaterThanOrEqual(3);
      expect(faces.length).toBeLessThanOrEqual(6);
    }
  });

  it('should place the five landmarks inside the face box, in the order of FaceDetection', async () => {
    const faces = await detector.detect(await photo('faceapijs__bbt4.jpg'));

    for (const { box, landmarks } of faces) {
      for (const [x, y] of landmarks) {
        expect(x).toBeGreaterThanOrEqual(box[0]);
        expect(x).toBeLessThanOrEqual(box[2]);
        expect(y).toBeGreaterThanOrEqual(box[1]);
        expect(y).toBeLessThanOrEqual(box[3]);
      }
      const [rightEye, leftEye, nose, rightMouth, leftMouth] = landmarks;
      expect(rightEye[0]).toBeLessThan(leftEye[0]);
      expect(rightMouth[0]).toBeLessThan(leftMouth[0]);
      expect(nose[1]).toBeGreaterThan(Math.max(rightEye[1], leftEye[1]));
      expect(nose[1]).toBeLessThan(Math.min(rightMouth[1], leftMouth[1]));
    }
  });

  it("should give boxes in the input image's pixels when it scales a photo down", async () => {
    const image = await photo('faceapijs__bbt1.jpg');

    const scaled = await detector.detect(image);
    const full = await detector.detect(image, { maxSide: Math.max(image.width, image.height) });

    expect(scaled).toHaveLength(full.length);
    for (const face of scaled) {
      expect(Math.max(...full.map((other) => iou(face.box, other.box)))).toBeGreaterThan(0.8);
    }
  });

  it('should miss faces much larger than the model saw in training unless scaled down', async () => {
    const image = await photo('deepface__couple.jpg');

    const full = await detector.detect(image, { maxSide: Math.max(image.width, image.height) });

    expect(full.length).toBeLessThan(2);
  });

  it('should return only faces scoring at least the minimum score', async () => {
    const image = await photo('deepface__selfie-many-people.jpg');

    const strict = await detector.detect(image);
    const loose = await detector.detect(image, { minScore: 0.5 });

    expect(strict.every((face) => face.score >= 0.8)).toBe(true);
    expect(loose.length).toBeGreaterThanOrEqual(strict.length);
  });
});

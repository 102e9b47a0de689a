import { describe, expect, it } from 'vitest';
import type { Point } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import {
  ALIGNED_FACE_SIZE,
  ALIGNED_FACE_TEMPLATE,
  alignFace,
  applySimilarity,
  estimateSimilarity,
  invertSimilarity,
} from './align-face.ts';
import { FaceDetector } from './face-detector.ts';
import { readPicture, sharedData, sharedModel } from './testing/shared-data.ts';

/** The image drawn in the middle of a black canvas twice its size. */
function onCanvas(image: RgbImage): RgbImage {
  const width = image.width * 2;
  const height = image.height * 2;
  const data = new Uint8Array(width * height * 3);
  const [left, top] = [image.width / 2, image.height / 2];
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3);
    data.set(row, ((y + top) * width + left) * 3);
  }
  return { width, height, data };
}

describe('estimateSimilarity', () => {
  it('should recover a known rotation, scale and shift exactly', () => {
    const known = { a: 0.8, b: 0.3, tx: -12, ty: 40 };
    const to = ALIGNED_FACE_TEMPLATE.map((p) => applySimilarity(known, p));

    const found = estimateSimilarity(ALIGNED_FACE_TEMPLATE, to);

    expect(found.a).toBeCloseTo(known.a, 9);
    expect(found.b).toBeCloseTo(known.b, 9);
    expect(found.tx).toBeCloseTo(known.tx, 9);
    expect(found.ty).toBeCloseTo(known.ty, 9);
  });

  it('should be undone by its inverse', () => {
    const transform = { a: 1.5, b: -0.4, tx: 3, ty: 7 };
    const point: Point = [10, 20];

    const back = applySimilarity(invertSimilarity(transform), applySimilarity(transform, point));

    expect(back[0]).toBeCloseTo(10, 9);
    expect(back[1]).toBeCloseTo(20, 9);
  });
});

describe('alignFace', () => {
  it('should return a 112×112 face whose re-detected landmarks sit on the template', async () => {
    const detector = await FaceDetector.load(sharedModel('yunet_s_dynamic.onnx'));
    const image = await readPicture(sharedData('group_photos', 'faceapijs__bbt4.jpg'));
    const faces = await detector.detect(image);
    expect(faces.length).toBeGreaterThan(0);

    const errors: number[] = [];
    for (const face of faces) {
      const aligned = alignFace(image, face.landmarks);
      const [again] = await detector.detect(onCanvas(aligned), { minScore: 0.5 });
      const offset = ALIGNED_FACE_SIZE / 2;

      expect([aligned.width, aligned.height]).toEqual([ALIGNED_FACE_SIZE, ALIGNED_FACE_SIZE]);
      again.landmarks.forEach(([x, y], i) => {
        const [tx, ty] = ALIGNED_FACE_TEMPLATE[i];
        errors.push(Math.hypot(x - offset - tx, y - offset - ty));
      });
    }

    // Faces are not all shaped like the template: a least-squares fit leaves 2-4 px per point.
    expect(errors.reduce((sum, e) => sum + e, 0) / errors.length).toBeLessThan(5);
    expect(Math.max(...errors)).toBeLessThan(10);
    await detector.release();
  });
});

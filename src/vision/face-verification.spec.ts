import { describe, expect, it } from 'vitest';
import { alignFace } from './align-face.ts';
import { FaceDetector } from './face-detector.ts';
import { FaceEmbedder } from './face-embedder.ts';
import { cosineSimilarity } from './similarity.ts';
import {
  largestFace,
  listFacePhotos,
  readNearDuplicatePairs,
  scorePairs,
} from './testing/face-set.ts';
import { sharedModel, readPicture } from './testing/shared-data.ts';
import { areaUnderCurve, summarise } from './testing/verification.ts';

// Measured with MobileFaceNet on the shared photos (bench/face-identification.ts): same-person
// pairs average about 0.55 and different-person pairs about 0.02, AUC about 0.98. Many photos
// are tight 150×150 TV crops, some in profile, which is why the curve is not closer to 1.
describe('face verification on the shared face photos', () => {
  it('should score same-person pairs clearly above different-person pairs', async () => {
    const detector = await FaceDetector.load(sharedModel('yunet_s_dynamic.onnx'));
    const embedder = await FaceEmbedder.load(sharedModel('mobilefacenet_128d.onnx'));
    const embedded = [];
    for (const photo of await listFacePhotos()) {
      const image = await readPicture(photo.path);
      const face = largestFace(await detector.detect(image));
      if (!face) continue;
      const [embedding] = await embedder.embed([alignFace(image, face.landmarks)]);
      embedded.push({ ...photo, embedding });
    }

    const pairs = scorePairs(embedded, await readNearDuplicatePairs(), cosineSimilarity);

    expect(embedded.length).toBeGreaterThan(200);
    expect(summarise(pairs.same).mean - summarise(pairs.different).mean).toBeGreaterThan(0.45);
    expect(areaUnderCurve(pairs)).toBeGreaterThan(0.96);
  });
});

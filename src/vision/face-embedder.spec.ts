import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../media/frame.ts';
import { alignFace } from './align-face.ts';
import { FaceDetector } from './face-detector.ts';
import { FACEPLUGIN, FaceEmbedder } from './face-embedder.ts';
import { cosineSimilarity } from './similarity.ts';
import { largestFace } from './testing/face-set.ts';
import { readPicture, sharedData, sharedModel } from './testing/shared-data.ts';

const SAME_PERSON = [
  ['angelina_jolie', 'deepface__img1.jpg'],
  ['angelina_jolie', 'deepface__img2.jpg'],
  ['angelina_jolie', 'deepface__img4.jpg'],
];
const OTHER_PEOPLE = [
  ['anthony_hopkins', 'davidsandberg_facenet__Anthony_Hopkins_0001.jpg'],
  ['lennon', 'openface__lennon-1.jpg'],
  ['bbt_penny', 'faceapijs__penny1.png'],
];

async function alignedFaces(detector: FaceDetector, files: string[][]): Promise<RgbImage[]> {
  const faces: RgbImage[] = [];
  for (const [identity, file] of files) {
    const image = await readPicture(sharedData('faces', identity, file));
    faces.push(alignFace(image, largestFace(await detector.detect(image))!.landmarks));
  }
  return faces;
}

function norm(vector: Float32Array): number {
  return Math.hypot(...vector);
}

describe(FaceEmbedder.name, () => {
  let detector: FaceDetector;
  let same: RgbImage[];
  let others: RgbImage[];
  beforeAll(async () => {
    detector = await FaceDetector.load(sharedModel('yunet_s_dynamic.onnx'));
    same = await alignedFaces(detector, SAME_PERSON);
    others = await alignedFaces(detector, OTHER_PEOPLE);
  });

  it.each([
    ['mobilefacenet_128d.onnx', undefined, 128],
    ['faceplugin_fr_feature_512d.onnx', FACEPLUGIN, 512],
  ])('should embed faces with %s into unit vectors', async (file, options, dimensions) => {
    const embedder = await FaceEmbedder.load(sharedModel(file), options);

    const embeddings = await embedder.embed(same);

    expect(embedder.dimensions).toBe(dimensions);
    expect(embeddings).toHaveLength(same.length);
    for (const embedding of embeddings) expect(norm(embedding)).toBeCloseTo(1, 5);
  });

  it('should score photos of the same person above photos of different people', async () => {
    const embedder = await FaceEmbedder.load(sharedModel('mobilefacenet_128d.onnx'));
    const sameEmbeddings = await embedder.embed(same);
    const otherEmbeddings = await embedder.embed(others);

    const sameScores = [
      cosineSimilarity(sameEmbeddings[0], sameEmbeddings[1]),
      cosineSimilarity(sameEmbeddings[0], sameEmbeddings[2]),
      cosineSimilarity(sameEmbeddings[1], sameEmbeddings[2]),
    ];
    const otherScores = sameEmbeddings.flatMap((a) =>
      otherEmbeddings.map((b) => cosineSimilarity(a, b)),
    );

    expect(Math.min(...sameScores)).toBeGreaterThan(Math.max(...otherScores));
  });

  it('should return embeddings in the order of the faces', async () => {
    const embedder = await FaceEmbedder.load(sharedModel('mobilefacenet_128d.onnx'));

    const together = await embedder.embed([same[0], others[0]]);
    const [alone] = await embedder.embed([others[0]]);

    expect(cosineSimilarity(together[1], alone)).toBeCloseTo(1, 5);
  });
});

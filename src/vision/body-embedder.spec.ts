import { beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../geometry/box.ts';
import { BodyEmbedder } from './body-embedder.ts';
import { PersonDetector } from './person-detector.ts';
import { cosineSimilarity } from './similarity.ts';
import { readVideoFrame, sharedData, sharedModel } from './testing/shared-data.ts';

const VTEST = sharedData('video', 'opencv_vtest.avi');

describe(BodyEmbedder.name, () => {
  let detector: PersonDetector;
  let embedder: BodyEmbedder;
  beforeAll(async () => {
    detector = await PersonDetector.load(sharedModel('yolox_nano.onnx'));
    embedder = await BodyEmbedder.load(sharedModel('osnet_x0_25_msmt17.onnx'));
  });

  it('should embed each person box into a 512-d unit vector', async () => {
    const frame = await readVideoFrame(VTEST, 40);
    const boxes = (await detector.detect(frame, { minScore: 0.55 })).map((d) => d.box);

    const embeddings = await embedder.embed(frame, boxes);

    expect(embedder.dimensions).toBe(512);
    expect(embeddings).toHaveLength(boxes.length);
    for (const embedding of embeddings) expect(Math.hypot(...embedding)).toBeCloseTo(1, 5);
  });

  // People barely move between consecutive frames, so box overlap tells who is who.
  it.each([40, 100])(
    'should score each person of vtest frame %i closest to the same person one frame later',
    async (index) => {
      const [first, next] = await Promise.all([
        readVideoFrame(VTEST, index),
        readVideoFrame(VTEST, index + 1),
      ]);
      const a = (await detector.detect(first, { minScore: 0.55 })).map((d) => d.box);
      const b = (await detector.detect(next, { minScore: 0.55 })).map((d) => d.box);
      const [ea, eb] = [await embedder.embed(first, a), await embedder.embed(next, b)];

      let checked = 0;
      a.forEach((box, i) => {
        const overlaps = b.map((other) => iou(box, other));
        const same = overlaps.indexOf(Math.max(...overlaps));
        if (overlaps[same] < 0.5) return;
        const scores = eb.map((embedding) => cosineSimilarity(ea[i], embedding));
        expect(scores.indexOf(Math.max(...scores))).toBe(same);
        checked++;
      });
      expect(checked).toBeGreaterThanOrEqual(4);
    },
  );
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../media/frame.ts';
import { PersonDetector } from './person-detector.ts';
import { readVideoFrame, sharedData, sharedModel } from './testing/shared-data.ts';

const VTEST = sharedData('video', 'opencv_vtest.avi');
/** Score above which a box counts as a person when comparing with hand counts. */
const COUNTING_SCORE = 0.55;

/** A copy of the image twice as wide and high (each pixel repeated). */
function doubled(image: RgbImage): RgbImage {
  const width = image.width * 2;
  const data = new Uint8Array(width * image.height * 2 * 3);
  for (let y = 0; y < image.height * 2; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((y >> 1) * image.width + (x >> 1)) * 3;
      data.set(image.data.subarray(from, from + 3), (y * width + x) * 3);
    }
  }
  return { width, height: image.height * 2, data };
}

describe(PersonDetector.name, () => {
  let detector: PersonDetector;
  beforeAll(async () => {
    detector = await PersonDetector.load(sharedModel('yolox_nano.onnx'));
  });

  // Hand counts in labels/opencv_vtest.tsv: 3, 6 and 7 people (one hidden behind the lamp post).
  it.each([
    [0, 3],
    [40, 6],
    [100, 7],
  ])(
    'should find the people of vtest frame %i (hand count %i, at most one missed)',
    async (index, count) => {
      const frame = await readVideoFrame(VTEST, index);

      const found = (await detector.detect(frame)).filter((d) => d.score >= COUNTING_SCORE);

      expect(found.length).toBeGreaterThanOrEqual(count - 1);
      expect(found.length).toBeLessThanOrEqual(count);
    },
  );

  it('should return upright boxes inside the frame, best score first', async () => {
    const frame = await readVideoFrame(VTEST, 100);

    const found = await detector.detect(frame, { minScore: COUNTING_SCORE });

    for (const { box } of found) {
      expect(box[0]).toBeGreaterThanOrEqual(0);
      expect(box[1]).toBeGreaterThanOrEqual(0);
      expect(box[2]).toBeLessThanOrEqual(frame.width);
      expect(box[3]).toBeLessThanOrEqual(frame.height);
      expect(box[3] - box[1]).toBeGreaterThan(box[2] - box[0]);
    }
    const scores = found.map((d) => d.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('should keep low-score boxes by default for the tracker', async () => {
    const frame = await readVideoFrame(VTEST, 100);

    const found = await detector.detect(frame);

    expect(found.some((d) => d.score < 0.5)).toBe(true);
    expect(Math.min(...found.map((d) => d.score))).toBeGreaterThanOrEqual(0.1);
  });

  it("should give boxes in the input image's pixels whatever its size", async () => {
    const frame = await readVideoFrame(VTEST, 40);

    const small = await detector.detect(frame, { minScore: COUNTING_SCORE });
    const large = await detector.detect(doubled(frame), { minScore: COUNTING_SCORE });

    expect(large).toHaveLength(small.length);
    large.forEach((detection, i) => {
      detection.box.forEach((value, k) =>
        expect(Math.abs(value / 2 - small[i].box[k])).toBeLessThan(3),
      );
    });
  });
});

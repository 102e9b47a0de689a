import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import { BodyEmbedder } from '../vision/body-embedder.ts';
import { FaceEmbedder } from '../vision/face-embedder.ts';
import { readPicture, sharedData, sharedModel } from '../vision/testing/shared-data.ts';
import { settleClosedTracks, type Embedders, type SettledTrack } from './build-tracks.ts';
import { ShotTracker } from './shot-tracker.ts';
import { StageTimer } from './stage-timer.ts';
import { EvidenceStore } from './track-evidence.ts';

const standing: Box = [100, 50, 180, 250];
const noise: Box = [400, 60, 470, 240];

describe(settleClosedTracks.name, () => {
  let embedders: Embedders;
  let photo: RgbImage;

  beforeAll(async () => {
    embedders = {
      faceEmbedder: await FaceEmbedder.load(sharedModel('mobilefacenet_128d.onnx')),
      bodyEmbedder: await BodyEmbedder.load(sharedModel('osnet_x0_25_msmt17.onnx')),
    };
    photo = await readPicture(sharedData('faces', 'angelina_jolie', 'deepface__img5.jpg'));
  });

  afterAll(async () => {
    await embedders?.faceEmbedder.release();
    await embedders?.bodyEmbedder.release();
  });

  it("should embed a closed track's best crops and let go of the evidence of every closed track", async () => {
    const tracker = new ShotTracker();
    const evidence = new EvidenceStore(3);
    const settled = new Map<number, SettledTrack>();
    const remember = (id: number | null, t: number) => {
      const track = evidence.of(id!);
      track.bestBodies.offer(1, () => ({ t, crop: photo }));
      track.thumbnail.offer(1, () => ({ t, box: standing, crop: photo }));
    };
    for (let index = 0; index < 4; index++) {
      const boxes = index === 1 ? [standing, noise] : [standing];
      const ids = tracker.update(
        { index, t: index / 5 },
        boxes.map((box) => ({ box, score: 0.9 })),
      );
      ids.forEach((id) => remember(id, index / 5));
    }
    tracker.cut();

    await settleClosedTracks({ tracker, evidence, settled, embedders, timer: new StageTimer() });

    expect(evidence.size).toBe(0);
    expect([...settled.keys()]).toHaveLength(1);
    const [track] = settled.values();
    expect(track.bodyEmbeddings).toHaveLength(3);
    expect(track.bodyEmbeddings[0].vector).toHaveLength(embedders.bodyEmbedder.dimensions);
    expect(track.faceEmbeddings).toEqual([]);
    expect(Buffer.from(track.thumbnail.jpeg.subarray(0, 2)).toString('hex')).toBe('ffd8');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import { boxCenter, type Box, type Point } from '../../src/geometry/box.ts';
import type { AnalysisResult } from '../../src/analysis/result.ts';
import { buildFaceVideo } from '../fixtures/videos.ts';
import { sharedData } from '../support/shared.ts';

// Photos of three people shown one after another, each for a known stretch of time, on a frame
// larger than the analysis frames so that mapping back to source pixels is exercised.
const size = { width: 1920, height: 1080 };
const segments = [
  { photo: sharedData('faces', 'bbt_penny', 'faceapijs__penny1.png'), start: 1, end: 3.4 },
  { photo: sharedData('faces', 'bbt_sheldon', 'faceapijs__sheldon1.png'), start: 5.6, end: 8 },
  { photo: sharedData('faces', 'angelina_jolie', 'deepface__img5.jpg'), start: 10.2, end: 12 },
];

describe('a video assembled from face photos', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-face-video-'));
  const video = join(dir, 'faces.mp4');
  let analyzer: Analyzer;
  let result: AnalysisResult;

  beforeAll(async () => {
    await buildFaceVideo({ output: video, segments, duration: 13, ...size });
    analyzer = await Analyzer.load();
    result = await analyzer.analyze(video);
  });

  afterAll(async () => {
    await analyzer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should give one track per shown photo, starting and ending within one analysis frame', () => {
    const frame = 1 / result.analysisFps + 1e-6;
    for (const segment of segments) {
      const matches = result.tracks.filter(
        (track) =>
          Math.abs(track.start - segment.start) <= frame &&
          Math.abs(track.end - segment.end) <= frame,
      );
      expect(matches, `tracks for ${segment.start}–${segment.end} s`).toHaveLength(1);
    }
  });

  it('should give no track where no photo is shown', () => {
    for (const track of result.tracks) {
      const inside = segments.some((s) => track.start >= s.start - 0.3 && track.end <= s.end + 0.3);
      expect(inside, `track ${track.id} ${track.start}–${track.end} s`).toBe(true);
    }
  });

  it('should place faces and their landmarks on the shown photo, in source pixels', async () => {
    for (const track of result.tracks) {
      const segment = segments.find((s) => track.start >= s.start && track.end <= s.end)!;
      const photo = await shownPhotoBox(segment.photo);
      // Eyes, nose and mouth are on the photo; a box may reach past a tightly cropped forehead.
      for (const face of track.faces) {
        for (const point of [boxCenter(face.box), ...face.landmarks]) {
          expect(isInside(point, photo), `${point} of face at ${face.t} s in ${photo}`).toBe(true);
        }
      }
    }
  });

  it('should embed the best few faces of each track, unit length', () => {
    for (const track of result.tracks) {
      expect(track.faces.length).toBeGreaterThan(0);
      expect(track.faceEmbeddings.length).toBeGreaterThan(0);
      expect(track.faceEmbeddings.length).toBeLessThanOrEqual(3);
      for (const { vector } of track.faceEmbeddings) {
        const norm = Math.hypot(...vector);
        expect(norm).toBeCloseTo(1, 3);
      }
    }
  });

  it('should pick a thumbnail taken while the track was visible', () => {
    for (const track of result.tracks) {
      expect(track.thumbnail.t).toBeGreaterThanOrEqual(track.start);
      expect(track.thumbnail.t).toBeLessThanOrEqual(track.end);
      expect(Buffer.from(track.thumbnail.jpeg.subarray(0, 2)).toString('hex')).toBe('ffd8');
    }
  });
});

/** Where buildFaceVideo shows a photo: centred, 60% of the frame height. */
async function shownPhotoBox(photo: string): Promise<Box> {
  const { width = 0, height = 0 } = await sharp(photo).metadata();
  const shownHeight = Math.round(size.height * 0.6);
  const shownWidth = (width / height) * shownHeight;
  const left = (size.width - shownWidth) / 2;
  const top = (size.height - shownHeight) / 2;
  return [left, top, left + shownWidth, top + shownHeight];
}

function isInside([x, y]: Point, box: Box): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

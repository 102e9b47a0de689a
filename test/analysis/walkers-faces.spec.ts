import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer, DEFAULT_ANALYZER_OPTIONS } from '../../src/analysis/analyzer.ts';
import type { AnalysisResult } from '../../src/analysis/result.ts';
import { decodeFrames } from '../../src/media/frames.ts';
import { FaceDetector } from '../../src/vision/face-detector.ts';
import { locateModel } from '../../src/vision/models/locate.ts';
import { sharedData } from '../support/shared.ts';

// People walking towards the camera in 1080p: many clear faces, some on people the person
// detector is unsure of (cut by the frame edge, half hidden behind others).
describe('faces of people walking towards the camera', () => {
  const video = sharedData('video', 'facenetpytorch_royal_opera_house_walkers.mp4');
  let analyzer: Analyzer;
  let result: AnalysisResult;
  let detectedFaces = 0;

  beforeAll(async () => {
    analyzer = await Analyzer.load();
    result = await analyzer.analyze(video);
    const faceDetector = await FaceDetector.load(await locateModel('face-detector'));
    const { fps, maxFrameSide, faceDetectionMaxSide } = DEFAULT_ANALYZER_OPTIONS;
    for await (const frame of decodeFrames(video, {
      fps,
      maxSide: maxFrameSide,
      facts: result.facts,
    })) {
      detectedFaces += (await faceDetector.detect(frame, { maxSide: faceDetectionMaxSide })).length;
    }
    await faceDetector.release();
  });

  afterAll(async () => {
    await analyzer?.close();
  });

  it('should keep at least 90% of the faces found on a track', () => {
    const kept = result.tracks.reduce((sum, track) => sum + track.faces.length, 0);
    expect(detectedFaces).toBeGreaterThan(50);
    expect(kept / detectedFaces).toBeGreaterThanOrEqual(0.9);
  });
});

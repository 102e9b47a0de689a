import { randomBytes } from 'node:crypto';
import type {
  AnalysisResult,
  ModelsUsed,
  TrackEmbedding,
  TrackResult,
  VideoFacts,
} from '../../src/analysis/result.ts';
import type { Box, Point } from '../../src/geometry/box.ts';

/** Typed test factories building realistic analysis results (random unit embeddings). */

export const testModels: ModelsUsed = {
  personDetector: 'yolox_nano_416.onnx',
  faceDetector: 'yunet_s.onnx',
  faceEmbedder: 'mobilefacenet_128.onnx',
  bodyEmbedder: 'osnet_x0_25_msmt17.onnx',
};

export function unitVector(dimensions: number, random = Math.random): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/** A unit vector close to `center` (cosine about 0.9+ for small spread). */
export function nearVector(center: Float32Array, spread = 0.05): Float32Array {
  const vector = center.map((value) => value + (Math.random() * 2 - 1) * spread);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

export function videoFacts(overrides: Partial<VideoFacts> = {}): VideoFacts {
  return {
    duration: 10,
    fps: 25,
    width: 640,
    height: 360,
    rotation: 0,
    codec: 'h264',
    format: 'mov,mp4,m4a,3gp,3g2,mj2',
    variableFrameRate: false,
    ...overrides,
  };
}

interface TrackOptions {
  id: number;
  start?: number;
  end?: number;
  faceDimensions?: number;
  bodyDimensions?: number;
  faceEmbeddings?: TrackEmbedding[];
  bodyEmbeddings?: TrackEmbedding[];
}

export function trackResult(options: TrackOptions): TrackResult {
  const start = options.start ?? options.id;
  const end = options.end ?? start + 2;
  const times = [start, (start + end) / 2, end];
  const box: Box = [100, 50, 180, 300];
  const faceBox: Box = [125, 55, 155, 95];
  const landmarks: Point[] = [
    [133, 70],
    [147, 70],
    [140, 78],
    [135, 86],
    [145, 86],
  ];
  return {
    id: options.id,
    start,
    end,
    detections: times.map((t) => ({ t, box, score: 0.9 })),
    faces: times.map((t, i) => ({
      t,
      box: faceBox,
      score: 0.95,
      landmarks,
      quality: 0.5 + i / 10,
    })),
    thumbnail: { t: times[1], box, jpeg: new Uint8Array(randomBytes(64)) },
    faceEmbeddings:
      options.faceEmbeddings ??
      times.slice(0, 2).map((t) => ({ t, vector: unitVector(options.faceDimensions ?? 128) })),
    bodyEmbeddings:
      options.bodyEmbeddings ??
      times.map((t) => ({ t, vector: unitVector(options.bodyDimensions ?? 512) })),
  };
}

export function analysisResult(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  const hash = overrides.hash ?? randomBytes(32).toString('hex');
  return {
    hash,
    path: `/videos/${hash.slice(0, 8)}.mp4`,
    facts: videoFacts(),
    analysisFps: 5,
    models: testModels,
    tracks: [trackResult({ id: 1 }), trackResult({ id: 2, start: 4, end: 9 })],
    timings: { frames: 1.5, embeddings: 0.4 },
    ...overrides,
  };
}

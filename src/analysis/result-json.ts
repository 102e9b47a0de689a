import type { AnalysisResult, TrackResult } from './result.ts';

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** A track as `glimpse analyze --json` prints it: times in seconds, boxes in source pixels. */
export function trackToJson(track: TrackResult) {
  return {
    id: track.id,
    start: round(track.start),
    end: round(track.end),
    detections: track.detections.map((d) => ({
      t: round(d.t),
      box: d.box.map((v) => round(v, 1)),
      score: round(d.score),
    })),
    faces: track.faces.map((f) => ({
      t: round(f.t),
      box: f.box.map((v) => round(v, 1)),
      score: round(f.score),
      landmarks: f.landmarks.map(([x, y]) => [round(x, 1), round(y, 1)]),
      quality: round(f.quality),
    })),
    thumbnail: { t: round(track.thumbnail.t), box: track.thumbnail.box.map((v) => round(v, 1)) },
    faceEmbeddings: track.faceEmbeddings.length,
    bodyEmbeddings: track.bodyEmbeddings.length,
  };
}

export function analysisToJson(result: AnalysisResult) {
  return {
    video: { path: result.path, hash: result.hash, ...result.facts },
    analysisFps: result.analysisFps,
    models: result.models,
    tracks: result.tracks.map(trackToJson),
    timings: Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, round(v)])),
  };
}

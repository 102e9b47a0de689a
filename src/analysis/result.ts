import type { Box, Point } from '../geometry/box.ts';

/** What ffprobe tells about a video, in the terms a player shows it (rotation applied). */
export interface VideoFacts {
  /** Seconds, as a player shows the timeline. */
  duration: number;
  /** Average frames per second of the video stream. */
  fps: number;
  /** Displayed size in pixels, after rotation. */
  width: number;
  height: number;
  /** Clockwise degrees the player turns the stored picture: 0, 90, 180 or 270. */
  rotation: number;
  codec: string;
  /** Container format as ffprobe names it (e.g. "mov,mp4,m4a,3gp,3g2,mj2", "gif"). */
  format: string;
  /** True when ffprobe sees no constant frame rate. */
  variableFrameRate: boolean;
}

/** A person detection of a track at one time, box in source-video pixels. */
export interface TrackDetection {
  t: number;
  box: Box;
  score: number;
}

/** A face of a track at one time, in source-video pixels. */
export interface TrackFace {
  t: number;
  box: Box;
  score: number;
  landmarks: Point[];
  /** 0..1, higher is better for recognition: size, detector score, pose, sharpness. */
  quality: number;
}

/** One embedding with where it came from: the time of the crop it was computed from. */
export interface TrackEmbedding {
  t: number;
  vector: Float32Array;
}

export interface TrackResult {
  /** 1, 2, 3… within the video, in order of first appearance. */
  id: number;
  start: number;
  end: number;
  detections: TrackDetection[];
  faces: TrackFace[];
  /** The best picture of the track, JPEG, and where it was taken. */
  thumbnail: { t: number; box: Box; jpeg: Uint8Array };
  /** Face embeddings of the best few faces (may be empty: no usable face). */
  faceEmbeddings: TrackEmbedding[];
  /** Body (re-identification) embeddings of the best few person crops. */
  bodyEmbeddings: TrackEmbedding[];
}

/** The models an analysis used, so a catalog knows what produced its rows. */
export interface ModelsUsed {
  personDetector: string;
  faceDetector: string;
  faceEmbedder: string;
  bodyEmbedder: string;
}

export interface AnalysisResult {
  /** sha256 of the file's bytes, hex. */
  hash: string;
  path: string;
  facts: VideoFacts;
  /** Frames per second the analysis sampled. */
  analysisFps: number;
  models: ModelsUsed;
  tracks: TrackResult[];
  /** Seconds spent per stage, for benchmarks and logs. */
  timings: Record<string, number>;
}

/** Progress of one analysis, sent while it runs. */
export interface AnalysisProgress {
  stage: 'probe' | 'frames' | 'embeddings' | 'done';
  /** 0..1 of the whole analysis. */
  fraction: number;
  /** Video seconds analysed so far. */
  videoSeconds: number;
}

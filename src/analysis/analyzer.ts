import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../logger.ts';
import { decodeFrames } from '../media/frames.ts';
import type { Frame } from '../media/frame.ts';
import { hashFile } from '../media/hash.ts';
import { probeVideo } from '../media/probe.ts';
import { BodyEmbedder } from '../vision/body-embedder.ts';
import { FaceDetector } from '../vision/face-detector.ts';
import { FaceEmbedder } from '../vision/face-embedder.ts';
import { locateModel } from '../vision/models/locate.ts';
import { PersonDetector } from '../vision/person-detector.ts';
import { analyseFrame, type FrameModels } from './analyse-frame.ts';
import {
  buildTracks,
  settleClosedTracks,
  type Embedders,
  type SettledTrack,
} from './build-tracks.ts';
import type { AnalysisProgress, AnalysisResult, ModelsUsed, VideoFacts } from './result.ts';
import { EvidenceStore } from './track-evidence.ts';
import { ShotBoundaryDetector } from './shot-boundary.ts';
import { ShotTracker } from './shot-tracker.ts';
import { StageTimer } from './stage-timer.ts';

const log = createLogger('Analyzer');

/** The tracks of one analysis while it runs: the tracker, their evidence, what is settled. */
interface RunningTracks {
  tracker: ShotTracker;
  evidence: EvidenceStore;
  settled: Map<number, SettledTrack>;
  embedders: Embedders;
  timer: StageTimer;
}

export interface AnalyzerOptions {
  /**
   * Frames sampled per second of video. 5 keeps a walking person's box overlapping itself
   * from one sampled frame to the next (what IoU tracking needs) while costing half the
   * inference of 10 fps footage; faces seen for under 0.2 s are rare enough to miss.
   */
  fps: number;
  /** Longer side of the frames the detectors see; larger sources are scaled down by ffmpeg. */
  maxFrameSide: number;
  /** Longer side the face detector works at (faces under ~10 px at this size are missed). */
  faceDetectionMaxSide: number;
  /** How many of a track's best crops are embedded, per kind. */
  cropsPerTrack: number;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = {
  fps: 5,
  maxFrameSide: 1280,
  faceDetectionMaxSide: 640,
  cropsPerTrack: 3,
};

export interface AnalyzeOptions {
  /** The file's sha256 when the caller already has it (a large video takes seconds to hash). */
  hash?: string;
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
}

/** Analyses videos one at a time with models loaded once: video file → tracks with embeddings. */
export class Analyzer {
  private constructor(
    private readonly models: FrameModels & {
      faceEmbedder: FaceEmbedder;
      bodyEmbedder: BodyEmbedder;
    },
    readonly modelsUsed: ModelsUsed,
    readonly options: AnalyzerOptions,
  ) {}

  static async load(options: Partial<AnalyzerOptions> = {}): Promise<Analyzer> {
    const started = performance.now();
    const paths = {
      personDetector: await locateModel('person-detector'),
      faceDetector: await locateModel('face-detector'),
      faceEmbedder: await locateModel('face-embedder'),
      bodyEmbedder: await locateModel('body-embedder'),
    };
    const models = {
      personDetector: await PersonDetector.load(paths.personDetector),
      faceDetector: await FaceDetector.load(paths.faceDetector),
      faceEmbedder: await FaceEmbedder.load(paths.faceEmbedder),
      bodyEmbedder: await BodyEmbedder.load(paths.bodyEmbedder),
    };
    const modelsUsed: ModelsUsed = {
      personDetector: basename(paths.personDetector),
      faceDetector: basename(paths.faceDetector),
      faceEmbedder: basename(paths.faceEmbedder),
      bodyEmbedder: basename(paths.bodyEmbedder),
    };
    log.debug(`Loaded 4 models in ${Math.round(performance.now() - started)} ms`);
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    return new Analyzer(models, modelsUsed, { ...DEFAULT_ANALYZER_OPTIONS, ...given });
  }

  async analyze(path: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
    const timer = new StageTimer();
    const report = options.onProgress ?? (() => {});
    report({ stage: 'probe', fraction: 0, videoSeconds: 0 });

    const facts = await timer.time('probe', () => probeVideo(path));
    const hash = options.hash ?? (await timer.time('hash', () => hashFile(path)));
    const running: RunningTracks = {
      tracker: new ShotTracker(),
      evidence: new EvidenceStore(this.options.cropsPerTrack),
      settled: new Map(),
      embedders: this.models,
      timer,
    };
    const frames = await this.analyseFrames({ path, facts, running, ...options });

    report({ stage: 'embeddings', fraction: 0.95, videoSeconds: facts.duration });
    const tracked = timer.timeSync('tracking', () => running.tracker.finish());
    await settleClosedTracks(running);
    const results = buildTracks({ tracked, settled: running.settled, frameScale: frames.scale });
    report({ stage: 'done', fraction: 1, videoSeconds: facts.duration });

    log.info(
      `Analysed ${path}: ${frames.count} frames, ${results.length} tracks, ` +
        `${results.filter((track) => track.faceEmbeddings.length > 0).length} with faces, ` +
        `in ${timer.total().toFixed(1)} s`,
    );
    return {
      hash,
      path,
      facts,
      analysisFps: this.options.fps,
      models: this.modelsUsed,
      tracks: results,
      timings: timer.toJSON(),
    };
  }

  /** Feeds every sampled frame to the detectors and the tracker; returns their count and scale. */
  private async analyseFrames(
    options: AnalyzeOptions & { path: string; facts: VideoFacts; running: RunningTracks },
  ): Promise<{ count: number; scale: number }> {
    const { facts, running } = options;
    const shots = new ShotBoundaryDetector();
    const frames = decodeFrames(options.path, {
      fps: this.options.fps,
      maxSide: this.options.maxFrameSide,
      facts,
      signal: options.signal,
    });
    let count = 0;
    let scale = 1;
    try {
      for (;;) {
        const next = await running.timer.time('decode', () => frames.next());
        if (next.done) break;
        const frame: Frame = next.value;
        scale = frame.scale;
        await analyseFrame({
          frame,
          models: this.models,
          tracker: running.tracker,
          shots,
          evidence: running.evidence,
          timer: running.timer,
          faceDetectionMaxSide: this.options.faceDetectionMaxSide,
        });
        await settleClosedTracks(running);
        count++;
        const fraction = facts.duration > 0 ? Math.min(1, frame.t / facts.duration) : 0;
        options.onProgress?.({ stage: 'frames', fraction: 0.95 * fraction, videoSeconds: frame.t });
      }
    } finally {
      // Stops ffmpeg when a frame's analysis (or a progress listener) throws part way.
      await frames.return(undefined);
    }
    return { count, scale };
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.models).map((model) => model.release()));
  }
}

import type { TrackRecord } from '../catalog/catalog.ts';
import type { Library } from '../library/library.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import { calibratedScore, type ScoreCalibration } from './calibration.ts';
import { groupByTrack, type GroupMatchesOptions } from './group-matches.ts';

/** What search returns: a track of a video where the query's person may be seen. */
export interface Moment {
  videoId: string;
  /** The video file as it was ingested. */
  videoPath: string;
  trackId: number;
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  /** Calibrated, 0..1 (see bench/results/score-calibration.md). */
  score: number;
  /** Absolute path of the track's thumbnail (JPEG). */
  thumbnail: string;
}

export interface FindMomentsOptions extends GroupMatchesOptions {
  kind: EmbeddingKind;
  embedding: Float32Array;
  calibration: ScoreCalibration;
  minScore: number;
  videoIds?: readonly string[];
  limit?: number;
}

/** Nearest embeddings asked for first; more while all of them still pass the minimum. */
const FIRST_NEIGHBOURS = 200;
const MAX_NEIGHBOURS = 50_000;

/** The moments of every track whose best matching embedding reaches the minimum, best first. */
export async function findMoments(
  library: Library,
  options: FindMomentsOptions,
): Promise<Moment[]> {
  const { calibration, minScore } = options;
  const matches = await nearestPassing(library, options);
  const passing = groupByTrack(matches, options)
    .map((match) => ({ ...match, score: calibratedScore(match.similarity, calibration) }))
    .filter((match) => match.score >= minScore)
    .slice(0, options.limit ?? Infinity);

  const tracksByVideo = new Map<string, Promise<Map<number, TrackRecord>>>();
  const videoPaths = new Map<string, Promise<string>>();
  const moments: Moment[] = [];
  for (const match of passing) {
    const tracks = await memo(tracksByVideo, match.videoId, () => trackMap(library, match.videoId));
    const record = tracks.get(match.track);
    if (!record) continue;
    moments.push({
      videoId: match.videoId,
      videoPath: await memo(videoPaths, match.videoId, () => videoPath(library, match.videoId)),
      trackId: match.track,
      start: record.start,
      end: record.end,
      score: match.score,
      thumbnail: library.thumbnailPath(match.videoId, match.track),
    });
  }
  return moments;
}

/**
 * Nearest embeddings of the kind, asking for more neighbours while even the last one returned
 * still passes the minimum: a person seen in many tracks must not be cut off at k.
 */
async function nearestPassing(library: Library, options: FindMomentsOptions) {
  const { kind, embedding, calibration, minScore, videoIds } = options;
  for (let k = FIRST_NEIGHBOURS; ; k *= 4) {
    const matches = await library.nearest(kind, embedding, { k, videoIds });
    const last = matches.at(-1);
    const mayHaveMore =
      matches.length >= k && last && calibratedScore(last.similarity, calibration) >= minScore;
    if (!mayHaveMore || k >= MAX_NEIGHBOURS) return matches;
  }
}

async function trackMap(library: Library, videoId: string): Promise<Map<number, TrackRecord>> {
  const tracks = await library.getTracks(videoId);
  return new Map(tracks.map((track) => [track.track, track]));
}

async function videoPath(library: Library, videoId: string): Promise<string> {
  return (await library.getVideo(videoId))?.path ?? '';
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

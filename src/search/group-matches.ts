import type { EmbeddingMatch } from '../library/library.ts';

/** A track's best matching embedding. */
export interface TrackMatch {
  videoId: string;
  track: number;
  /** Raw cosine similarity of the track's best matching embedding. */
  similarity: number;
  /** Time of the crop that embedding came from. */
  t: number;
}

export interface GroupMatchesOptions {
  /** A track never returned, for "find more like this" (the track itself). */
  exclude?: { videoId: string; track: number };
}

/**
 * One entry per track, best first. A track scores its best match, not a mean of its matches:
 * its stored embeddings are already its best few faces or crops, so a worse one (a turned head,
 * a half-hidden body) should not pull a true match down, and one photo against one face is
 * what the calibration was fitted on. The price: with up to three tries a track passes the
 * threshold up to three times as often by chance as one pair does.
 */
export function groupByTrack(
  matches: readonly EmbeddingMatch[],
  options: GroupMatchesOptions = {},
): TrackMatch[] {
  const best = new Map<string, TrackMatch>();
  for (const match of matches) {
    const { videoId, track, similarity, t } = match;
    if (options.exclude?.videoId === videoId && options.exclude.track === track) continue;
    const key = `${videoId}:${track}`;
    const known = best.get(key);
    if (!known || similarity > known.similarity) best.set(key, { videoId, track, similarity, t });
  }
  return [...best.values()].sort(
    (a, b) =>
      b.similarity - a.similarity || a.videoId.localeCompare(b.videoId) || a.track - b.track,
  );
}

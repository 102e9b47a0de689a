import type { TrackResult } from '../../src/analysis/result.ts';

/**
 * How many people are in the scene at time t: tracks that span t (within half an analysis
 * frame). A person hidden for a moment behind another is still there, as the hand counts
 * assume; so a track's short gaps count as presence.
 */
export function personCountAt(tracks: TrackResult[], t: number, halfFrame: number): number {
  return tracks.filter((track) => track.start - halfFrame <= t && t <= track.end + halfFrame)
    .length;
}

export function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

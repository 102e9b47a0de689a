import { describe, expect, it } from 'vitest';
import type { EmbeddingMatch } from '../library/library.ts';
import { groupByTrack } from './group-matches.ts';

function match(videoId: string, track: number, similarity: number, t = 0): EmbeddingMatch {
  return {
    key: Math.round(similarity * 1000) + track,
    kind: 'face',
    videoId,
    track,
    t,
    similarity,
  };
}

describe('groupByTrack', () => {
  it('should give each track once, scored by its best matching embedding', () => {
    const tracks = groupByTrack([
      match('a', 1, 0.4, 1),
      match('a', 1, 0.7, 2),
      match('a', 1, 0.5, 3),
      match('b', 1, 0.6),
    ]);
    expect(tracks).toEqual([
      { videoId: 'a', track: 1, similarity: 0.7, t: 2 },
      { videoId: 'b', track: 1, similarity: 0.6, t: 0 },
    ]);
  });

  it('should keep tracks of the same number in different videos apart', () => {
    const tracks = groupByTrack([match('a', 2, 0.3), match('b', 2, 0.9)]);
    expect(tracks.map((t) => `${t.videoId}:${t.track}`)).toEqual(['b:2', 'a:2']);
  });

  it('should order best first whatever order the matches come in', () => {
    const tracks = groupByTrack([match('a', 1, 0.1), match('a', 2, 0.9), match('a', 3, 0.5)]);
    expect(tracks.map((t) => t.track)).toEqual([2, 3, 1]);
  });

  it('should leave out the excluded track', () => {
    const tracks = groupByTrack([match('a', 1, 1), match('a', 2, 0.8)], {
      exclude: { videoId: 'a', track: 1 },
    });
    expect(tracks.map((t) => t.track)).toEqual([2]);
  });
});

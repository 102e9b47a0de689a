import type { VideoRecord } from '../catalog/catalog.ts';
import { GlimpseError } from '../errors.ts';
import type { Library } from '../library/library.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import { meanEmbedding } from '../vision/similarity.ts';

export interface TrackQuery {
  kind: EmbeddingKind;
  /** The mean of the track's stored embeddings of that kind, unit length. */
  embedding: Float32Array;
}

/**
 * A stored track as a query: its face embeddings when it has any, else its body ones. The mean
 * of a person's few best faces matches other pictures of them better than any one face does.
 */
export async function trackEmbedding(
  library: Library,
  options: { video: VideoRecord; trackId: number },
): Promise<TrackQuery> {
  const { video, trackId } = options;
  const videoId = video.id;
  const track = await library.getTrack(videoId, trackId);
  if (!track) {
    const name = `Video ${videoId.slice(0, 12)} (${video.path})`;
    throw new GlimpseError(`${name} has no track ${trackId}: it has ${video.trackCount} tracks.`, {
      code: 'TRACK_NOT_FOUND',
      hint: 'Tracks are numbered from 1 within a video; `glimpse videos` shows how many each has.',
    });
  }

  for (const kind of ['face', 'body'] as const) {
    const vectors = await storedEmbeddings(library, { kind, videoId, trackId });
    if (vectors.length > 0) return { kind, embedding: meanEmbedding(vectors) };
  }
  throw new GlimpseError(`Track ${trackId} of video ${videoId} has no stored embedding.`, {
    code: 'TRACK_WITHOUT_EMBEDDING',
    hint: 'The track was too small or too short to embed; pick another track.',
  });
}

async function storedEmbeddings(
  library: Library,
  options: { kind: EmbeddingKind; videoId: string; trackId: number },
): Promise<Float32Array[]> {
  const { kind, videoId, trackId } = options;
  const matrix = await library.catalog.embeddingMatrix(kind, { videoIds: [videoId] });
  const owners = await library.catalog.embeddingOwners(matrix.keys);
  const vectors: Float32Array[] = [];
  matrix.keys.forEach((key, row) => {
    if (owners.get(key)?.track !== trackId) return;
    const start = row * matrix.dimensions;
    vectors.push(matrix.vectors.slice(start, start + matrix.dimensions));
  });
  return vectors;
}

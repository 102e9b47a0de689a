import usearch from 'usearch';
import type { Catalog } from '../catalog/catalog.ts';
import type { VectorMatch } from '../catalog/vector-index.ts';
import { GlimpseError } from '../errors.ts';
import type { EmbeddingKind } from '../vision/detection.ts';

interface ExactNearestOptions {
  catalog: Catalog;
  kind: EmbeddingKind;
  query: Float32Array;
  k: number;
  videoIds: readonly string[];
}

/**
 * The k nearest stored embeddings of some videos, by an exact search over their vectors:
 * usearch has no filtered HNSW search, and a few videos' vectors take milliseconds.
 */
export async function exactNearest(options: ExactNearestOptions): Promise<VectorMatch[]> {
  const { catalog, kind, query, videoIds } = options;
  const matrix = await catalog.embeddingMatrix(kind, { videoIds });
  const count = Math.min(options.k, matrix.keys.length);
  if (count === 0) return [];
  if (query.length !== matrix.dimensions)
    throw embedderMismatchError(kind, query, matrix.dimensions);

  // Copies: the native exact search ignores a typed array's byteOffset.
  const found = usearch.exactSearch(
    Float32Array.from(matrix.vectors),
    Float32Array.from(query),
    matrix.dimensions,
    count,
    usearch.MetricKind.Cos,
    1,
  ) as InstanceType<typeof usearch.Matches>;
  return Array.from(found.keys, (row, i) => ({
    key: matrix.keys[Number(row)],
    similarity: 1 - found.distances[i],
  }));
}

/** A query embedding whose size differs from the stored ones: another embedder made it. */
export function embedderMismatchError(
  kind: EmbeddingKind,
  query: Float32Array,
  stored: number,
): GlimpseError {
  return new GlimpseError(
    `The ${kind} embedding of the query has ${query.length} dimensions, but the library's ` +
      `${kind} embeddings have ${stored}: they come from another ${kind} embedder.`,
    {
      code: 'EMBEDDER_MISMATCH',
      hint:
        'Search with the models the library was analysed with (`glimpse models`), or analyse ' +
        'the videos again into a new data directory (--data <dir>).',
    },
  );
}

import type { EmbeddingKind } from '../vision/detection.ts';

/** One nearest neighbour: the embedding key and its cosine similarity to the query (-1..1). */
export interface VectorMatch {
  key: number;
  similarity: number;
}

/**
 * Approximate nearest-neighbour search over the embeddings of one kind. Keys are the
 * integer ids of embedding rows in the catalog, which stays the source of truth.
 */
export interface VectorIndex {
  readonly kind: EmbeddingKind;
  /** Null while the index is empty and has never seen a vector. */
  readonly dimensions: number | null;
  size(): number;
  /** Adds vectors (flattened, `keys.length` rows). */
  add(keys: readonly number[], vectors: Float32Array): void;
  remove(keys: readonly number[]): void;
  has(key: number): boolean;
  /** The k nearest, best first. */
  search(query: Float32Array, k: number): VectorMatch[];
  /** Writes the index to its file atomically (temporary file, then rename). */
  save(): Promise<void>;
}

/** Cosine similarity of two vectors of the same length, 0 when either is all zeros. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`Cannot compare vectors of ${a.length} and ${b.length} dimensions.`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  const norm = Math.sqrt(normA * normB);
  return norm > 0 ? dot / norm : 0;
}

/** A copy of the vector scaled to unit length (all zeros stays all zeros). */
export function normalise(vector: ArrayLike<number>): Float32Array {
  const result = Float32Array.from(vector);
  let sum = 0;
  for (let i = 0; i < result.length; i++) sum += result[i] * result[i];
  if (sum === 0) return result;
  const inverse = 1 / Math.sqrt(sum);
  for (let i = 0; i < result.length; i++) result[i] *= inverse;
  return result;
}

/** The mean of several embeddings, normalised again to unit length. */
export function meanEmbedding(vectors: readonly ArrayLike<number>[]): Float32Array {
  if (vectors.length === 0) throw new RangeError('Cannot average an empty list of embeddings.');
  const sum = new Float32Array(vectors[0].length);
  for (const vector of vectors) {
    if (vector.length !== sum.length) {
      throw new RangeError(
        `Cannot average embeddings of ${sum.length} and ${vector.length} dimensions.`,
      );
    }
    for (let i = 0; i < sum.length; i++) sum[i] += vector[i];
  }
  return normalise(sum);
}

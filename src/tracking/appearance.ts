/**
 * Body embeddings as the tracker uses them: L2-normalised vectors compared by cosine distance,
 * and a track's appearance kept as their running average.
 */

/** 1 minus the cosine similarity of two L2-normalised vectors: 0 alike, 1 unrelated, 2 opposite. */
export function cosineDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new Error(`Cannot compare embeddings of ${a.length} and ${b.length} dimensions`);
  }
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return 1 - dot;
}

/**
 * The running appearance `kept` moved towards `seen`, keeping `momentum` of the old one (an
 * exponential moving average), normalised again so that cosine distances stay dot products.
 */
export function blendAppearance(
  kept: Float32Array | undefined,
  seen: Float32Array,
  momentum: number,
): Float32Array {
  if (!kept) return Float32Array.from(seen);
  const blended = new Float32Array(seen.length);
  let norm = 0;
  for (let i = 0; i < seen.length; i++) {
    blended[i] = momentum * kept[i] + (1 - momentum) * seen[i];
    norm += blended[i] * blended[i];
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < blended.length; i++) blended[i] /= norm;
  return blended;
}

import type * as ort from 'onnxruntime-node';
import { GlimpseError } from '../errors.ts';
import { normalise } from './similarity.ts';

/**
 * Inputs sent in one call to a model with a dynamic batch. On one CPU thread a batch costs
 * about as much per input as single calls; the limit only bounds the tensor's memory.
 */
const DYNAMIC_BATCH_LIMIT = 8;

export interface EmbeddingModelShape {
  /** Length of one embedding. */
  dimensions: number;
  /** How many inputs one call takes at most: the fixed batch, or a limit when it is dynamic. */
  batchSize: number;
}

/** Reads the embedding length and batch size from an [batch, …] → [batch, dimensions] model. */
export function embeddingModelShape(
  session: ort.InferenceSession,
  modelPath: string,
): EmbeddingModelShape {
  const input = session.inputMetadata[0];
  const output = session.outputMetadata[0];
  const batch = input?.isTensor ? input.shape[0] : undefined;
  const outputShape = output?.isTensor ? output.shape : [];
  const dimensions = outputShape.length === 2 ? outputShape[1] : undefined;
  if (typeof dimensions !== 'number') {
    throw new GlimpseError(`The model ${modelPath} does not output one embedding per input.`, {
      hint: 'Use an embedding model listed in the models manifest.',
      code: 'MODEL_UNSUPPORTED',
    });
  }
  return { dimensions, batchSize: typeof batch === 'number' ? batch : DYNAMIC_BATCH_LIMIT };
}

/** The rows of a [batch, dimensions] output, each L2-normalised. */
export function splitEmbeddings(data: Float32Array, dimensions: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let at = 0; at < data.length; at += dimensions) {
    rows.push(normalise(data.subarray(at, at + dimensions)));
  }
  return rows;
}

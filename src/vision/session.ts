import { access } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { GlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';

const log = createLogger('Session');

/**
 * One intra-op thread and no spinning: on a few cores, sessions that spin their threads slow
 * each other down badly, so parallelism comes from running several sessions side by side.
 * The `extra` keys are ONNX Runtime session config entries (session.intra_op.allow_spinning…).
 */
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
  extra: {
    session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } },
  },
};

export interface CreateSessionOptions {
  /**
   * 'all' by default: it halves the time of YOLOX, YuNet and MobileFaceNet. Its layout
   * optimisations slow some models down instead (OSNet about 1.5×, the 512-d faceplugin face
   * embedder about 3×): those ask for 'extended'.
   */
  graphOptimizationLevel?: 'basic' | 'extended' | 'all';
}

/** Loads an ONNX model for CPU inference, or throws a GlimpseError naming the file. */
export async function createSession(
  modelPath: string,
  options: CreateSessionOptions = {},
): Promise<ort.InferenceSession> {
  await assertReadable(modelPath);
  const started = performance.now();
  try {
    const session = await ort.InferenceSession.create(modelPath, {
      ...SESSION_OPTIONS,
      ...options,
    });
    log.debug(`Loaded model ${modelPath} in ${Math.round(performance.now() - started)} ms.`);
    return session;
  } catch (error) {
    throw new GlimpseError(`Cannot load the model ${modelPath}: ${describe(error)}`, {
      hint: 'The file is not a valid ONNX model: download it again and check its sha256.',
      code: 'MODEL_INVALID',
      cause: error,
    });
  }
}

async function assertReadable(modelPath: string): Promise<void> {
  try {
    await access(modelPath);
  } catch (error) {
    throw new GlimpseError(`The model file ${modelPath} cannot be read.`, {
      hint: 'Put the model in $GLIMPSE_MODELS or the user cache models directory.',
      code: 'MODEL_MISSING',
      cause: error,
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

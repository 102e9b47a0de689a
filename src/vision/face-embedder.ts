import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../media/frame.ts';
import { ALIGNED_FACE_SIZE } from './align-face.ts';
import { embeddingModelShape, splitEmbeddings } from './embedding-model.ts';
import { assertModelContract } from './model-contract.ts';
import { imageToTensor, type PixelNormalisation } from './image-tensor.ts';
import { createSession, type CreateSessionOptions } from './session.ts';

export interface FaceEmbedderOptions extends CreateSessionOptions {
  normalisation: PixelNormalisation;
}

/** MobileFaceNet 128-d: RGB, (x − 127.5) / 128. The default. */
export const MOBILEFACENET: FaceEmbedderOptions = {
  normalisation: { channelOrder: 'rgb', mean: [127.5, 127.5, 127.5], std: [128, 128, 128] },
};

/**
 * The faceplugin 512-d model: BGR, (x − 127) / 128 (BGR separates identities better than the
 * RGB its vendor's code claims). Its layout-optimised graph is about 3× slower.
 */
export const FACEPLUGIN: FaceEmbedderOptions = {
  normalisation: { channelOrder: 'bgr', mean: [127, 127, 127], std: [128, 128, 128] },
  graphOptimizationLevel: 'extended',
};

/** Turns aligned 112×112 faces (see alignFace) into L2-normalised face embeddings. */
export class FaceEmbedder {
  readonly dimensions: number;
  private readonly batchSize: number;

  private constructor(
    private readonly session: ort.InferenceSession,
    modelPath: string,
    private readonly normalisation: PixelNormalisation,
  ) {
    ({ dimensions: this.dimensions, batchSize: this.batchSize } = embeddingModelShape(
      session,
      modelPath,
    ));
  }

  /** Loads a face embedder; its input and session settings default to MobileFaceNet's. */
  static async load(
    modelPath: string,
    options: FaceEmbedderOptions = MOBILEFACENET,
  ): Promise<FaceEmbedder> {
    const { normalisation, ...sessionOptions } = options;
    const session = await createSession(modelPath, sessionOptions);
    const size = ALIGNED_FACE_SIZE;
    assertModelContract(session, modelPath, {
      task: 'face embedding (112×112 aligned faces)',
      inputShape: [null, 3, size, size],
    });
    return new FaceEmbedder(session, modelPath, normalisation);
  }

  /** One embedding per face, in order; the faces must be aligned 112×112 crops. */
  async embed(faces: RgbImage[]): Promise<Float32Array[]> {
    const embeddings: Float32Array[] = [];
    for (let start = 0; start < faces.length; start += this.batchSize) {
      embeddings.push(...(await this.embedBatch(faces.slice(start, start + this.batchSize))));
    }
    return embeddings;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private async embedBatch(faces: RgbImage[]): Promise<Float32Array[]> {
    const size = ALIGNED_FACE_SIZE;
    const floats = 3 * size * size;
    const target = new Float32Array(faces.length * floats);
    faces.forEach((face, i) => {
      const options = { width: size, height: size, target, offset: i * floats };
      imageToTensor(face, { ...options, normalisation: this.normalisation });
    });
    const input = new ort.Tensor('float32', target, [faces.length, 3, size, size]);
    const outputs = await this.session.run({ [this.session.inputNames[0]]: input });
    return splitEmbeddings(
      outputs[this.session.outputNames[0]].data as Float32Array,
      this.dimensions,
    );
  }
}

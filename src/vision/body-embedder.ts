import * as ort from 'onnxruntime-node';
import type { Box } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import { embeddingModelShape, splitEmbeddings } from './embedding-model.ts';
import { assertModelContract } from './model-contract.ts';
import { imageToTensor, type PixelNormalisation } from './image-tensor.ts';
import { createSession } from './session.ts';

const CROP_WIDTH = 128;
const CROP_HEIGHT = 256;

/** OSNet's input: RGB scaled to 0-1, then ImageNet mean and standard deviation. */
const IMAGENET: PixelNormalisation = {
  channelOrder: 'rgb',
  mean: [0.485 * 255, 0.456 * 255, 0.406 * 255],
  std: [0.229 * 255, 0.224 * 255, 0.225 * 255],
};

/**
 * Turns person boxes into L2-normalised body (re-identification) embeddings with OSNet: each
 * box is cropped and stretched to 128×256 whatever its aspect ratio, as the model was trained.
 */
export class BodyEmbedder {
  readonly dimensions: number;
  private readonly batchSize: number;

  private constructor(
    private readonly session: ort.InferenceSession,
    modelPath: string,
  ) {
    ({ dimensions: this.dimensions, batchSize: this.batchSize } = embeddingModelShape(
      session,
      modelPath,
    ));
  }

  static async load(modelPath: string): Promise<BodyEmbedder> {
    // The layout optimisations of 'all' make OSNet about 1.5× slower.
    const session = await createSession(modelPath, { graphOptimizationLevel: 'extended' });
    assertModelContract(session, modelPath, {
      task: 'body embedding (OSNet 128×256)',
      inputShape: [null, 3, CROP_HEIGHT, CROP_WIDTH],
    });
    return new BodyEmbedder(session, modelPath);
  }

  /** One embedding per box of the image, in order. */
  async embed(image: RgbImage, boxes: Box[]): Promise<Float32Array[]> {
    const embeddings: Float32Array[] = [];
    for (let start = 0; start < boxes.length; start += this.batchSize) {
      const batch = boxes.slice(start, start + this.batchSize);
      embeddings.push(...(await this.embedBatch(image, batch)));
    }
    return embeddings;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private async embedBatch(image: RgbImage, boxes: Box[]): Promise<Float32Array[]> {
    const floats = 3 * CROP_WIDTH * CROP_HEIGHT;
    const target = new Float32Array(boxes.length * floats);
    boxes.forEach((region, i) => {
      const options = { width: CROP_WIDTH, height: CROP_HEIGHT, target, offset: i * floats };
      imageToTensor(image, { ...options, region, normalisation: IMAGENET });
    });
    const input = new ort.Tensor('float32', target, [boxes.length, 3, CROP_HEIGHT, CROP_WIDTH]);
    const outputs = await this.session.run({ [this.session.inputNames[0]]: input });
    return splitEmbeddings(
      outputs[this.session.outputNames[0]].data as Float32Array,
      this.dimensions,
    );
  }
}

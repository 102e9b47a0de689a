import * as ort from 'onnxruntime-node';
import { boxArea, clipBox, scaleBox } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import type { PersonDetection } from './detection.ts';
import { letterbox, type PixelNormalisation } from './image-tensor.ts';
import { assertModelContract } from './model-contract.ts';
import { nonMaximumSuppression } from './nms.ts';
import { createSession } from './session.ts';

/**
 * Lowest score kept by default. It is low on purpose: the tracker keeps following a person
 * through occlusion with low-score boxes (its second association), so filtering for display
 * or counting (about 0.5) is the caller's job, not the detector's.
 */
export const DEFAULT_PERSON_MIN_SCORE = 0.1;

/** Boxes overlapping a better one by more than this are the same person (YOLOX's default). */
const NMS_IOU = 0.45;

const INPUT_SIZE = 416;
const STRIDES = [8, 16, 32];
const COCO_CLASSES = 80;
const PERSON_CLASS = 0;
const PADDING = 114;
const BGR_0_255: PixelNormalisation = { channelOrder: 'bgr', mean: [0, 0, 0], std: [1, 1, 1] };

export interface PersonDetectOptions {
  minScore?: number;
}

/** Finds people with YOLOX-nano (COCO, 416×416 input), boxes in the input image's pixels. */
export class PersonDetector {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(modelPath: string): Promise<PersonDetector> {
    const session = await createSession(modelPath);
    assertModelContract(session, modelPath, {
      task: 'person detection (YOLOX 416)',
      inputShape: [1, 3, INPUT_SIZE, INPUT_SIZE],
    });
    return new PersonDetector(session);
  }

  async detect(image: RgbImage, options: PersonDetectOptions = {}): Promise<PersonDetection[]> {
    const { tensor, scale } = letterbox(image, {
      width: INPUT_SIZE,
      height: INPUT_SIZE,
      normalisation: BGR_0_255,
      padValue: PADDING,
    });
    const input = new ort.Tensor('float32', tensor, [1, 3, INPUT_SIZE, INPUT_SIZE]);
    const outputs = await this.session.run({ [this.session.inputNames[0]]: input });
    const output = outputs[this.session.outputNames[0]].data as Float32Array;

    const minScore = options.minScore ?? DEFAULT_PERSON_MIN_SCORE;
    const candidates = decodePersons(output, minScore)
      .map(({ box, score }) => ({
        box: clipBox(scaleBox(box, 1 / scale), image.width, image.height),
        score,
      }))
      .filter(({ box }) => boxArea(box) > 0);
    return nonMaximumSuppression(candidates, NMS_IOU);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Decodes YOLOX rows [cx, cy, w, h, objectness, 80 class scores] on a grid of three strides. */
function decodePersons(output: Float32Array, minScore: number): PersonDetection[] {
  const rowLength = 5 + COCO_CLASSES;
  const found: PersonDetection[] = [];
  let row = 0;
  for (const stride of STRIDES) {
    const cells = INPUT_SIZE / stride;
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++, row++) {
        const at = row * rowLength;
        const score = output[at + 4] * output[at + 5 + PERSON_CLASS];
        if (score < minScore) continue;
        const cx = (output[at] + gx) * stride;
        const cy = (output[at + 1] + gy) * stride;
        const halfW = (Math.exp(output[at + 2]) * stride) / 2;
        const halfH = (Math.exp(output[at + 3]) * stride) / 2;
        found.push({ box: [cx - halfW, cy - halfH, cx + halfW, cy + halfH], score });
      }
    }
  }
  return found;
}

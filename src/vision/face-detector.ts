import * as ort from 'onnxruntime-node';
import { boxArea, clipBox, type Point } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import type { FaceDetection } from './detection.ts';
import { imageToTensor, type PixelNormalisation } from './image-tensor.ts';
import { assertModelContract } from './model-contract.ts';
import { nonMaximumSuppression } from './nms.ts';
import { createSession } from './session.ts';

/**
 * Lowest face score kept by default. At 0.8 YuNet keeps every real face seen in the team's
 * test photos and drops the background false positives it scores around 0.6-0.7
 * (OpenCV's own default, 0.9, loses some small and turned faces).
 */
export const DEFAULT_FACE_MIN_SCORE = 0.8;

/** Images are scaled down so their longer side is at most this many pixels by default. */
export const DEFAULT_FACE_MAX_SIDE = 640;

/** Boxes overlapping a better one by more than this are the same face (OpenCV's YuNet default). */
const NMS_IOU = 0.3;

const STRIDES = [8, 16, 32] as const;
const SIZE_MULTIPLE = 32;
const BGR_0_255: PixelNormalisation = { channelOrder: 'bgr', mean: [0, 0, 0], std: [1, 1, 1] };

export interface FaceDetectOptions {
  minScore?: number;
  /** Longer side the image is scaled down to before detection (never up). */
  maxSide?: number;
}

/** Finds faces and five landmarks each with YuNet (any input size), in the input image's pixels. */
export class FaceDetector {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(modelPath: string): Promise<FaceDetector> {
    const session = await createSession(modelPath);
    assertModelContract(session, modelPath, {
      task: 'face detection (YuNet, dynamic input)',
      inputShape: [null, 3, null, null],
      outputNames: STRIDES.flatMap((s) => ['cls', 'obj', 'bbox', 'kps'].map((n) => `${n}_${s}`)),
    });
    return new FaceDetector(session);
  }

  async detect(image: RgbImage, options: FaceDetectOptions = {}): Promise<FaceDetection[]> {
    const maxSide = options.maxSide ?? DEFAULT_FACE_MAX_SIDE;
    const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
    const drawWidth = Math.max(1, Math.round(image.width * scale));
    const drawHeight = Math.max(1, Math.round(image.height * scale));
    const width = roundUp(drawWidth, SIZE_MULTIPLE);
    const height = roundUp(drawHeight, SIZE_MULTIPLE);
    const tensor = imageToTensor(image, {
      width,
      height,
      drawWidth,
      drawHeight,
      normalisation: BGR_0_255,
    });

    const input = new ort.Tensor('float32', tensor, [1, 3, height, width]);
    const outputs = await this.session.run({ [this.session.inputNames[0]]: input });
    const minScore = options.minScore ?? DEFAULT_FACE_MIN_SCORE;
    const toImage = { x: image.width / drawWidth, y: image.height / drawHeight };
    const faces: FaceDetection[] = [];
    for (const stride of STRIDES) {
      const grid = { stride, columns: width / stride, rows: height / stride };
      faces.push(...decodeStride(outputs, grid, minScore, toImage));
    }
    return nonMaximumSuppression(faces, NMS_IOU)
      .map((face) => ({ ...face, box: clipBox(face.box, image.width, image.height) }))
      .filter((face) => boxArea(face.box) > 0);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

interface Grid {
  stride: number;
  columns: number;
  rows: number;
}

/** Decodes one stride's outputs: score = sqrt(cls * obj), offsets in units of the stride. */
function decodeStride(
  outputs: ort.InferenceSession.OnnxValueMapType,
  grid: Grid,
  minScore: number,
  toImage: { x: number; y: number },
): FaceDetection[] {
  const cls = outputs[`cls_${grid.stride}`].data as Float32Array;
  const obj = outputs[`obj_${grid.stride}`].data as Float32Array;
  const bbox = outputs[`bbox_${grid.stride}`].data as Float32Array;
  const kps = outputs[`kps_${grid.stride}`].data as Float32Array;
  const { stride, columns } = grid;
  const faces: FaceDetection[] = [];
  for (let i = 0; i < grid.columns * grid.rows; i++) {
    const score = Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
    if (score < minScore) continue;
    const column = i % columns;
    const row = (i - column) / columns;
    const cx = (column + bbox[i * 4]) * stride;
    const cy = (row + bbox[i * 4 + 1]) * stride;
    const halfW = (Math.exp(bbox[i * 4 + 2]) * stride) / 2;
    const halfH = (Math.exp(bbox[i * 4 + 3]) * stride) / 2;
    const landmark = (n: number): Point => [
      (column + kps[i * 10 + 2 * n]) * stride * toImage.x,
      (row + kps[i * 10 + 2 * n + 1]) * stride * toImage.y,
    ];
    faces.push({
      box: [
        (cx - halfW) * toImage.x,
        (cy - halfH) * toImage.y,
        (cx + halfW) * toImage.x,
        (cy + halfH) * toImage.y,
      ],
      score,
      landmarks: [landmark(0), landmark(1), landmark(2), landmark(3), landmark(4)],
    });
  }
  return faces;
}

function clamp01(value: number): number {
  return Math.min(Math.max(value, 0), 1);
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

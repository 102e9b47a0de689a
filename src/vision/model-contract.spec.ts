import { describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.ts';
import { BodyEmbedder } from './body-embedder.ts';
import { FaceDetector } from './face-detector.ts';
import { FaceEmbedder } from './face-embedder.ts';
import { PersonDetector } from './person-detector.ts';
import { sharedModel } from './testing/shared-data.ts';

describe('assertModelContract', () => {
  it.each([
    ['PersonDetector', () => PersonDetector.load(sharedModel('osnet_x0_25_msmt17.onnx'))],
    ['FaceDetector', () => FaceDetector.load(sharedModel('yolox_nano.onnx'))],
    ['BodyEmbedder', () => BodyEmbedder.load(sharedModel('mobilefacenet_128d.onnx'))],
    ['FaceEmbedder', () => FaceEmbedder.load(sharedModel('osnet_x0_25_msmt17.onnx'))],
  ])('should refuse the wrong model file for a %s, naming the file', async (_name, load) => {
    const error = await load().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GlimpseError);
    expect((error as GlimpseError).message).toContain('.onnx');
    expect((error as GlimpseError).code).toBe('MODEL_UNSUPPORTED');
  });
});

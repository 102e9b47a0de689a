import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.ts';
import { createSession } from './session.ts';
import { sharedModel } from './testing/shared-data.ts';

describe('createSession', () => {
  it('should load a model with its input and output names', async () => {
    const session = await createSession(sharedModel('yolox_nano.onnx'));

    expect(session.inputNames).toEqual(['images']);
    expect(session.outputNames).toEqual(['output']);
    await session.release();
  });

  it('should name a missing model file in a GlimpseError', async () => {
    const missing = join(tmpdir(), 'no-such-model.onnx');

    const error = await createSession(missing).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GlimpseError);
    expect((error as GlimpseError).message).toContain(missing);
    expect((error as GlimpseError).hint).toBeTruthy();
  });

  it('should name a file that is not an ONNX model in a GlimpseError', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'glimpse-session-')), 'broken.onnx');
    await writeFile(path, 'not a model');

    const error = await createSession(path).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GlimpseError);
    expect((error as GlimpseError).message).toContain(path);
  });
});

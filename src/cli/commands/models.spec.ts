import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODELS } from '../../vision/models/manifest.ts';

const glimpse = resolve(import.meta.dirname, '..', '..', '..', 'bin', 'glimpse.js');
let temp: string;

async function run(args: string[], env: Record<string, string>) {
  const options = { env: { ...process.env, XDG_CACHE_HOME: join(temp, 'cache'), ...env } };
  return promisify(execFile)('node', [glimpse, ...args], options).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((done) => probe.once('listening', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'glimpse-models-cli-'));
});

afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('glimpse models', () => {
  it('should list every model as present when $GLIMPSE_MODELS holds them', async () => {
    const { code, stdout } = await run(['models'], { GLIMPSE_MODELS: process.env.GLIMPSE_MODELS! });

    expect(code).toBe(0);
    for (const model of MODELS) {
      const role = model.isDefault ? 'default' : 'alternative';
      expect(stdout).toMatch(new RegExp(`^${model.id} +${model.task} +present .* ${role}$`, 'm'));
    }
  });

  it('should print the list as JSON with --json', async () => {
    const { stdout } = await run(['models', '--json'], { GLIMPSE_MODELS: join(temp, 'none') });

    const statuses = JSON.parse(stdout) as { id: string; status: string }[];
    expect(statuses).toHaveLength(MODELS.length);
    expect(statuses.every((s) => s.status === 'missing')).toBe(true);
  });
});

describe('glimpse models pull', () => {
  it('should exit non-zero offline and say where to put each file', async () => {
    const urlBase = `http://127.0.0.1:${await closedPort()}`;

    const { code, stdout } = await run(['models', 'pull', 'yolox_nano'], {
      GLIMPSE_MODELS: join(temp, 'none'),
      GLIMPSE_MODELS_URL_BASE: urlBase,
    });

    const cacheModels = join(temp, 'cache', 'glimpse', 'models');
    expect(code).toBe(1);
    expect(stdout).toContain('0 downloaded, 0 already present, 1 failed.');
    expect(stdout).toContain(`put it, named yolox_nano.onnx, in ${cacheModels}`);
    expect(await readdir(cacheModels)).toEqual([]);
  });
});

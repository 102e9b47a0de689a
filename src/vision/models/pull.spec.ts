import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locateModel } from './locate.ts';
import { findModel } from './manifest.ts';
import { pullModels, type PullProgress } from './pull.ts';
import { sha256File } from './verify.ts';

const sharedModels = process.env.GLIMPSE_MODELS!;
const savedEnv = { ...process.env };
let temp: string;
let server: Server;
let base: string;

/** Serves the shared model files under /good, wrong bytes under /wrong, a stalled body under /stall. */
function serveModels(): Server {
  return createServer((request, response) => {
    const [, kind, file] = (request.url ?? '').split('/');
    const model = MODEL_FILES.has(file) ? findModel(file.replace(/\.onnx$/, '')) : undefined;
    if (!model) return response.writeHead(404).end();

    response.writeHead(200, { 'content-length': model.sizeBytes });
    if (kind === 'good') createReadStream(join(sharedModels, file)).pipe(response);
    else if (kind === 'wrong') response.end(Buffer.alloc(model.sizeBytes, 1));
    else response.write(Buffer.alloc(1000));
  });
}
const MODEL_FILES = new Set(['yolox_nano.onnx', 'yunet_s_dynamic.onnx', 'osnet_x0_25_msmt17.onnx']);

async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const cacheModels = () => join(temp, 'cache', 'glimpse', 'models');
const leftovers = () => readdir(cacheModels()).catch(() => []);

beforeAll(async () => {
  server = serveModels().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'glimpse-pull-'));
  process.env.GLIMPSE_MODELS = join(temp, 'empty');
  process.env.XDG_CACHE_HOME = join(temp, 'cache');
});

afterEach(async () => {
  process.env = { ...savedEnv };
  await rm(temp, { recursive: true, force: true });
});

describe('pullModels', () => {
  it('should download a missing model into the user cache and verify it', async () => {
    const progress: PullProgress[] = [];

    const results = await pullModels({
      ids: ['yolox_nano'],
      urlBase: `${base}/good`,
      onProgress: (p) => progress.push(p),
    });

    const dest = join(cacheModels(), 'yolox_nano.onnx');
    expect(results).toEqual([
      expect.objectContaining({ id: 'yolox_nano', status: 'downloaded', path: dest }),
    ]);
    expect(await sha256File(dest)).toBe(findModel('yolox_nano')?.sha256);
    expect(await locateModel('person-detector')).toBe(dest);
    expect(progress.at(-1)).toEqual({ id: 'yolox_nano', received: 3659407, total: 3659407 });
    expect(await leftovers()).toEqual(['yolox_nano.onnx']);
  });

  it('should take the URL base from $GLIMPSE_MODELS_URL_BASE', async () => {
    process.env.GLIMPSE_MODELS_URL_BASE = `${base}/good/`;

    const [result] = await pullModels({ ids: ['osnet_x0_25_msmt17'] });

    expect(result).toMatchObject({
      status: 'downloaded',
      url: `${base}/good/osnet_x0_25_msmt17.onnx`,
    });
  });

  it('should skip a model that is already present', async () => {
    process.env.GLIMPSE_MODELS = sharedModels;

    const results = await pullModels({ urlBase: 'http://127.0.0.1:9/never' });

    expect(results.map((r) => r.status)).toEqual(['present', 'present', 'present', 'present']);
  });

  it('should reject downloaded bytes that do not match the checksum and keep nothing', async () => {
    const [result] = await pullModels({ ids: ['yunet_s_dynamic'], urlBase: `${base}/wrong` });

    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('do not match the checksum');
    expect(await leftovers()).toEqual([]);
  });

  it('should fail cleanly offline, naming the file, the URL and where to put it', async () => {
    const urlBase = `http://127.0.0.1:${await closedPort()}/models`;

    const [result] = await pullModels({ ids: ['yolox_nano'], urlBase });

    expect(result.status).toBe('failed');
    const text = result.error!.describe();
    expect(text).toContain(`${urlBase}/yolox_nano.onnx`);
    expect(text).toContain('connection was refused');
    expect(text).toContain(`named yolox_nano.onnx, in ${cacheModels()}`);
    expect(await leftovers()).toEqual([]);
  });

  it('should report an HTTP error with its status', async () => {
    const [result] = await pullModels({ ids: ['mobilefacenet_128d'], urlBase: `${base}/good` });

    expect(result.error?.message).toContain('HTTP 404');
    expect(await leftovers()).toEqual([]);
  });

  it('should give up on a download that stalls and keep nothing', async () => {
    const [result] = await pullModels({
      ids: ['osnet_x0_25_msmt17'],
      urlBase: `${base}/stall`,
      stallTimeoutMs: 300,
    });

    expect(result.error?.message).toContain('no data arrived');
    expect(await leftovers()).toEqual([]);
  });

  it('should explain how to get a model that ships inside an npm package', async () => {
    const [result] = await pullModels({ ids: ['faceplugin_fr_feature_512d'] });

    expect(result.status).toBe('failed');
    expect(result.error?.describe()).toContain('npm pack faceplugin-face-recognition-js@0.0.1');
  });
});

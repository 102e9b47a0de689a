import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const glimpse = resolve(import.meta.dirname, '..', '..', 'bin', 'glimpse.js');

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glimpse-serve-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function startServe(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [glimpse, 'serve'], {
    env: { ...process.env, ...env, GLIMPSE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Collects stderr until the text matches `until`, or else until the process ends. */
function readStderr(child: ChildProcess, until?: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      text += chunk;
      if (until?.test(text)) resolve(text);
    });
    child.once('exit', () => resolve(text));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('glimpse serve', () => {
  it('should serve the app on PORT over GLIMPSE_DATA and stop cleanly on SIGTERM', async () => {
    const child = startServe({ PORT: '0', GLIMPSE_DATA: dataDir });
    const banner = await readStderr(child, /running at (http:\/\/\S+)/);
    const baseUrl = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1];
    expect(banner).toContain(dataDir);

    const response = await fetch(`${baseUrl}/api/videos`);
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  describe('on a port already taken', () => {
    let blocker: Server;
    let port: number;

    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      port = (blocker.address() as { port: number }).port;
    });

    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('should say which port is taken and what to do, without a stack trace', async () => {
      const child = startServe({ PORT: String(port), GLIMPSE_DATA: dataDir });
      const [stderr, code] = await Promise.all([readStderr(child), exited(child)]);

      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port}`);
      expect(stderr).toMatch(/--port/);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoRecord } from '../../src/catalog/catalog.ts';
import { Library } from '../../src/library/library.ts';
import { analysisResult } from './factories.ts';

const glimpse = resolve('bin/glimpse.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [glimpse, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('glimpse videos and glimpse delete', () => {
  let dataDir: string;
  const first = analysisResult();
  const second = analysisResult();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-cli-'));
    const library = await Library.open({ dataDir });
    await library.saveAnalysis(first, { sizeBytes: 1234 });
    await library.saveAnalysis(second, { sizeBytes: 99 });
    await library.close();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should list the videos as JSON with status, duration and track count', () => {
    const { code, stdout } = run('videos', '--json', '--data', dataDir);

    expect(code).toBe(0);
    const videos = JSON.parse(stdout) as VideoRecord[];
    expect(videos.map((v) => v.id).sort()).toEqual([first.hash, second.hash].sort());
    expect(videos[0]).toMatchObject({ status: 'done', trackCount: 2, facts: { duration: 10 } });
  });

  it('should list the videos as a table', () => {
    const { stdout } = run('videos', '--data', dataDir);

    expect(stdout).toMatch(/^ID\s+STATUS\s+DURATION\s+TRACKS\s+PATH/);
    expect(stdout).toContain(first.hash.slice(0, 12));
  });

  it('should delete a video named by an id prefix', () => {
    const { code, stdout } = run('delete', first.hash.slice(0, 8), '--data', dataDir);

    expect(code).toBe(0);
    expect(stdout).toContain(`Deleted ${first.hash.slice(0, 12)}`);
    expect(existsSync(join(dataDir, 'thumbnails', first.hash))).toBe(false);
    const left = JSON.parse(run('videos', '--json', '--data', dataDir).stdout) as VideoRecord[];
    expect(left.map((v) => v.id)).toEqual([second.hash]);
  });

  it('should cancel the job of a file queued but not analysed yet', async () => {
    const queued = join(dataDir, 'queued.mp4');
    const library = await Library.open({ dataDir });
    await library.enqueue([queued]);
    await library.close();

    const { code, stdout } = run('delete', queued, '--data', dataDir);

    expect(code).toBe(0);
    expect(stdout).toContain(`Cancelled the analysis of ${queued}`);
    const reopened = await Library.open({ dataDir });
    expect(await reopened.jobs.list()).toEqual([]);
    await reopened.close();
  });

  it('should say which input matched nothing, without a stack trace', () => {
    const { code, stderr } = run('delete', 'ffff0000', '--data', dataDir);

    expect(code).toBe(1);
    expect(stderr).toContain('No video in the library matches "ffff0000"');
    expect(stderr).not.toContain('    at ');
  });
});

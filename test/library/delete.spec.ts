import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.ts';
import { analysisResult } from './factories.ts';

describe('Library.deleteVideo', () => {
  let dataDir: string;
  let library: Library;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-delete-'));
    library = await Library.open({ dataDir });
  });

  afterEach(async () => {
    await library.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function rowsOf(videoId: string) {
    const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true });
    const count = (sql: string) => db.prepare(sql).pluck().get(videoId) as number;
    const rows = {
      videos: count('SELECT count(*) FROM videos WHERE id = ?'),
      tracks: count('SELECT count(*) FROM tracks WHERE video_id = ?'),
      detections: count(
        'SELECT count(*) FROM detections d JOIN tracks t ON t.id = d.track_id WHERE t.video_id = ?',
      ),
      orphanRows: count(
        `SELECT (SELECT count(*) FROM detections WHERE track_id NOT IN (SELECT id FROM tracks))
          + (SELECT count(*) FROM faces WHERE track_id NOT IN (SELECT id FROM tracks))
          + (SELECT count(*) FROM embeddings WHERE track_id NOT IN (SELECT id FROM tracks))
          + (SELECT count(*) FROM jobs WHERE hash = ?)`,
      ),
    };
    db.close();
    return rows;
  }

  it('should leave nothing derived from the video: rows, vectors, thumbnails, clips', async () => {
    const doomed = analysisResult();
    const kept = analysisResult();
    await library.saveAnalysis(doomed, { sizeBytes: 10 });
    await library.saveAnalysis(kept, { sizeBytes: 10 });
    mkdirSync(library.clipsDir(doomed.hash), { recursive: true });
    writeFileSync(join(library.clipsDir(doomed.hash), '1-0-4.mp4'), 'clip');
    const doomedFace = doomed.tracks[0].faceEmbeddings[0].vector;
    expect(existsSync(library.thumbnailPath(doomed.hash, 1))).toBe(true);

    expect(await library.deleteVideo(doomed.hash)).toBe(true);

    expect(rowsOf(doomed.hash)).toEqual({ videos: 0, tracks: 0, detections: 0, orphanRows: 0 });
    const nearest = await library.nearest('face', doomedFace, { k: 10 });
    expect(nearest.map((m) => m.videoId)).not.toContain(doomed.hash);
    expect(nearest).toHaveLength(4);
    expect(library.vectorIndex('face').size()).toBe(4);
    expect(existsSync(join(dataDir, 'thumbnails', doomed.hash))).toBe(false);
    expect(existsSync(library.clipsDir(doomed.hash))).toBe(false);
    expect(readdirSync(join(dataDir, 'thumbnails'))).toEqual([kept.hash]);
  });

  it('should keep the video deleted in the index after a reopen', async () => {
    const doomed = analysisResult();
    await library.saveAnalysis(doomed, { sizeBytes: 10 });
    await library.deleteVideo(doomed.hash);
    await library.close();

    library = await Library.open({ dataDir });

    expect(library.vectorIndex('face').size()).toBe(0);
    expect(library.vectorIndex('body').size()).toBe(0);
  });

  it('should answer false for a video it does not know', async () => {
    expect(await library.deleteVideo('0'.repeat(64))).toBe(false);
  });

  it('should delete the video even when its index files cannot be written', async () => {
    const doomed = analysisResult();
    await library.saveAnalysis(doomed, { sizeBytes: 10 });
    rmSync(join(dataDir, 'indexes'), { recursive: true });
    writeFileSync(join(dataDir, 'indexes'), 'a file where the folder should be');

    expect(await library.deleteVideo(doomed.hash)).toBe(true);

    expect(rowsOf(doomed.hash).videos).toBe(0);
    expect(library.vectorIndex('face').size()).toBe(0);
  });

  it('should remove an uploaded video file kept in the data directory', async () => {
    const hash = 'cd'.repeat(32);
    const folder = join(dataDir, 'videos', hash);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'party.mp4'), 'video bytes');
    await library.saveAnalysis(analysisResult({ hash, path: join(folder, 'party.mp4') }), {
      sizeBytes: 11,
    });

    await library.deleteVideo(hash);

    expect(existsSync(folder)).toBe(false);
  });

  it('should cancel the job of an uploaded video not analysed yet and remove its file', async () => {
    const hash = 'ef'.repeat(32);
    const folder = join(dataDir, 'videos', hash);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'queued.mp4'), 'video bytes');
    await library.enqueue([join(folder, 'queued.mp4')]);

    expect(await library.deleteVideo(hash)).toBe(true);

    expect(await library.jobs.list()).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it('should keep a video file ingested from outside the data directory', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'glimpse-outside-'));
    const file = join(outside, 'walk.mp4');
    writeFileSync(file, 'video bytes');
    const video = analysisResult({ path: file });
    await library.saveAnalysis(video, { sizeBytes: 11 });

    await library.deleteVideo(video.hash);

    expect(existsSync(file)).toBe(true);
    rmSync(outside, { recursive: true });
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analysisResult, testModels, trackResult } from '../../test/library/factories.ts';
import { SqliteCatalog } from './sqlite-catalog.ts';
import { migrations } from './sqlite/migrations.ts';

const noThumbnails = { sizeBytes: 1000, thumbnailPaths: new Map<number, string>() };

function tableCounts(db: Database.Database) {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return {
    videos: count('videos'),
    tracks: count('tracks'),
    detections: count('detections'),
    faces: count('faces'),
    embeddings: count('embeddings'),
  };
}

describe(SqliteCatalog.name, () => {
  let dir: string;
  let sut: SqliteCatalog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-catalog-'));
    sut = SqliteCatalog.open(join(dir, 'catalog.sqlite'));
  });

  afterEach(async () => {
    await sut.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should apply every migration to an empty directory, in WAL mode with foreign keys on', () => {
    const versions = sut.db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    expect(sut.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sut.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('should keep the schema and rows when reopened', async () => {
    const result = analysisResult();
    await sut.saveAnalysis(result, noThumbnails);
    await sut.close();

    sut = SqliteCatalog.open(join(dir, 'catalog.sqlite'));
    const versions = sut.db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    expect((await sut.getVideo(result.hash))?.trackCount).toBe(2);
  });

  it('should save a video with its tracks, detections, faces and embeddings', async () => {
    const result = analysisResult();
    const outcome = await sut.saveAnalysis(result, noThumbnails);

    expect(outcome.status).toBe('saved');
    expect(tableCounts(sut.db)).toEqual({
      videos: 1,
      tracks: 2,
      detections: 6,
      faces: 6,
      embeddings: 10,
    });
    const video = await sut.getVideo(result.hash);
    expect(video).toMatchObject({
      status: 'done',
      facts: result.facts,
      models: testModels,
      trackCount: 2,
    });
    const [track] = await sut.getTracks(result.hash);
    expect(track.detections).toEqual(result.tracks[0].detections);
    expect(track.faces).toEqual(result.tracks[0].faces);
    expect(track.bestFaceQuality).toBeCloseTo(0.7);
  });

  it('should write nothing of a video whose rows violate a constraint', async () => {
    const broken = analysisResult({
      tracks: [trackResult({ id: 1 }), trackResult({ id: 2, start: 5, end: 3 })],
    });

    await expect(sut.saveAnalysis(broken, noThumbnails)).rejects.toThrow(/CHECK constraint/);
    expect(tableCounts(sut.db)).toEqual({
      videos: 0,
      tracks: 0,
      detections: 0,
      faces: 0,
      embeddings: 0,
    });
  });

  it('should keep the earlier analysis when a replacing one fails', async () => {
    const first = analysisResult();
    await sut.saveAnalysis(first, noThumbnails);
    const broken = analysisResult({
      hash: first.hash,
      models: { ...testModels, faceEmbedder: 'other.onnx' },
      tracks: [trackResult({ id: 1 }), trackResult({ id: 1 })],
    });

    await expect(sut.saveAnalysis(broken, noThumbnails)).rejects.toThrow(/UNIQUE/);
    expect(tableCounts(sut.db)).toEqual({
      videos: 1,
      tracks: 2,
      detections: 6,
      faces: 6,
      embeddings: 10,
    });
    expect((await sut.getVideo(first.hash))?.models).toEqual(testModels);
  });

  it('should skip a video already analysed with the same models and rate', async () => {
    const result = analysisResult();
    await sut.saveAnalysis(result, noThumbnails);

    const again = await sut.saveAnalysis(result, noThumbnails);

    expect(again.status).toBe('skipped');
    expect(tableCounts(sut.db)).toEqual({
      videos: 1,
      tracks: 2,
      detections: 6,
      faces: 6,
      embeddings: 10,
    });
    expect(await sut.isAnalysed(result.hash, testModels, result.analysisFps)).toBe(true);
    expect(await sut.isAnalysed(result.hash, testModels, 10)).toBe(false);
  });

  it('should replace the rows of a video analysed again with other models', async () => {
    const result = analysisResult();
    const first = await sut.saveAnalysis(result, noThumbnails);
    const models = { ...testModels, bodyEmbedder: 'osnet_x1_0.onnx' };

    const second = await sut.saveAnalysis({ ...result, models }, noThumbnails);

    expect(second.status).toBe('saved');
    if (first.status !== 'saved' || second.status !== 'saved') throw new Error('not saved');
    expect(second.removedKeys.body.sort()).toEqual(
      first.added
        .filter((e) => e.kind === 'body')
        .map((e) => e.key)
        .sort(),
    );
    expect(tableCounts(sut.db)).toEqual({
      videos: 1,
      tracks: 2,
      detections: 6,
      faces: 6,
      embeddings: 10,
    });
  });

  it('should refuse face embeddings of another size than those already stored', async () => {
    await sut.saveAnalysis(analysisResult(), noThumbnails);
    const other = analysisResult({ tracks: [trackResult({ id: 1, faceDimensions: 512 })] });

    await expect(sut.saveAnalysis(other, noThumbnails)).rejects.toThrow(/512 dimensions/);
    expect(await sut.embeddingCount('face')).toBe(4);
  });

  it('should give back stored vectors exactly, with their owners', async () => {
    const result = analysisResult();
    await sut.saveAnalysis(result, noThumbnails);

    const matrix = await sut.embeddingMatrix('face', { videoIds: [result.hash] });
    const owners = await sut.embeddingOwners(matrix.keys);

    expect(matrix.dimensions).toBe(128);
    expect(matrix.vectors.subarray(0, 128)).toEqual(result.tracks[0].faceEmbeddings[0].vector);
    expect(owners.get(matrix.keys[3])).toMatchObject({ videoId: result.hash, track: 2, t: 6.5 });
  });

  it('should find a video by id prefix or by path', async () => {
    const result = analysisResult();
    await sut.saveAnalysis(result, noThumbnails);

    expect((await sut.findVideos(result.hash.slice(0, 6))).map((v) => v.id)).toEqual([result.hash]);
    expect((await sut.findVideos(result.path)).map((v) => v.id)).toEqual([result.hash]);
    expect(await sut.findVideos('abc')).toEqual([]);
  });

  it('should put a video whose analysis stopped back to queued, but never a done one', async () => {
    const done = analysisResult();
    await sut.saveAnalysis(done, noThumbnails);
    const stopped = { id: 'ab'.repeat(32), path: '/videos/stopped.mp4', sizeBytes: 5 };
    await sut.markAnalysing(stopped);

    await sut.markQueued(stopped.id);
    await sut.markQueued(done.hash);

    expect((await sut.getVideo(stopped.id))?.status).toBe('queued');
    expect((await sut.getVideo(done.hash))?.status).toBe('done');
  });

  it('should record who searched for whom', async () => {
    await sut.recordSearch({
      requester: 'cli',
      queryKind: 'photo',
      photoHash: 'ab'.repeat(32),
      chosenFace: '0',
      resultCount: 3,
    });

    const [entry] = await sut.listSearches();
    expect(entry).toMatchObject({ requester: 'cli', queryKind: 'photo', resultCount: 3 });
    expect(Date.parse(entry.searchedAt)).not.toBeNaN();
  });

  it('should tell when another process committed, and only then', async () => {
    const other = SqliteCatalog.open(join(dir, 'catalog.sqlite'));
    await sut.saveAnalysis(analysisResult(), noThumbnails);
    expect(await sut.changedByOthers()).toBe(false);

    await other.saveAnalysis(analysisResult(), noThumbnails);
    await other.close();

    expect(await sut.changedByOthers()).toBe(true);
    expect(await sut.changedByOthers()).toBe(false);
  });

  it('should name the catalog it cannot open when the data directory is a file', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'text');

    expect(() => SqliteCatalog.open(join(file, 'catalog.sqlite'))).toThrow(
      expect.objectContaining({
        name: 'GlimpseError',
        message: expect.stringContaining(`Cannot open the catalog ${file}`),
      }),
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsearchVectorIndex } from '../../src/catalog/usearch-vector-index.ts';
import { Library } from '../../src/library/library.ts';
import { analysisResult } from './factories.ts';

/** Two libraries open on one data directory stand for the server and a `glimpse` command. */
describe('Two processes on one data directory', () => {
  let dataDir: string;
  let server: Library;
  let command: Library;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-two-'));
    server = await Library.open({ dataDir });
    command = await Library.open({ dataDir });
  });

  afterEach(async () => {
    await command.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const facePath = () => join(dataDir, 'indexes', 'face.usearch');

  async function reopen(library: Library): Promise<Library> {
    await library.close();
    return Library.open({ dataDir });
  }

  it('should find a video the other process saved while this one was open', async () => {
    const video = analysisResult();
    await command.saveAnalysis(video, { sizeBytes: 1 });

    const face = video.tracks[1].faceEmbeddings[0].vector;
    const matches = await server.nearest('face', face, { k: 1 });

    expect(matches[0]).toMatchObject({ videoId: video.hash, track: 2, similarity: 1 });
    expect(server.vectorIndex('body').size()).toBe(6);
  });

  it('should save an index holding the vectors of both processes', async () => {
    const first = analysisResult();
    const second = analysisResult();
    await command.saveAnalysis(first, { sizeBytes: 1 });
    await command.close();
    await server.saveAnalysis(second, { sizeBytes: 1 });
    await server.close();

    const saved = await UsearchVectorIndex.load({ kind: 'face', path: facePath() });

    expect(saved?.size()).toBe(8);
  });

  /** The command deletes one of two videos the server holds in its open index. */
  async function deleteUnderTheServer() {
    const kept = analysisResult();
    const deleted = analysisResult();
    await command.saveAnalysis(kept, { sizeBytes: 1 });
    await command.saveAnalysis(deleted, { sizeBytes: 1 });
    server = await reopen(server);
    await command.deleteVideo(deleted.hash);
    return { kept, deleted };
  }

  it('should not save over the index of the process that deleted a video', async () => {
    await deleteUnderTheServer();

    await server.saveAnalysis(analysisResult(), { sizeBytes: 1 });
    await server.close();

    const saved = await UsearchVectorIndex.load({ kind: 'face', path: facePath() });
    expect(saved?.size()).toBe(4);
    server = await Library.open({ dataDir });
    expect(server.vectorIndex('face').size()).toBe(8);
  });

  it('should drop the vectors of a deleted video that a search comes across', async () => {
    const { deleted } = await deleteUnderTheServer();

    const face = deleted.tracks[0].faceEmbeddings[0].vector;
    const matches = await server.nearest('face', face, { k: 10 });

    expect(matches.map((match) => match.videoId)).not.toContain(deleted.hash);
    expect(matches).toHaveLength(4);
    expect(server.vectorIndex('face').size()).toBe(4);
    await server.saveAnalysis(analysisResult(), { sizeBytes: 1 });
    await server.close();
    const saved = await UsearchVectorIndex.load({ kind: 'face', path: facePath() });
    expect(saved?.size()).toBe(8);
  });
});

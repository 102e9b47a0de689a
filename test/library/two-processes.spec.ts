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

    const saved = await UsearchVectorIndex.load({
      kind: 'face',
      path: join(dataDir, 'indexes', 'face.usearch'),
    });

    expect(saved?.size()).toBe(8);
  });
});

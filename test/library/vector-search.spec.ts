import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../../src/errors.ts';
import { Library } from '../../src/library/library.ts';
import { analysisResult, nearVector, trackResult, unitVector } from './factories.ts';

describe('Library vector search', () => {
  let dataDir: string;
  let library: Library;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-library-'));
    library = await Library.open({ dataDir });
  });

  afterEach(async () => {
    await library.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Saves `count` videos; the first track of video i carries `person` as its face embedding. */
  async function saveVideos(count: number, person = unitVector(128)) {
    const results = Array.from({ length: count }, (_, i) =>
      analysisResult({
        tracks: [
          trackResult({
            id: 1,
            faceEmbeddings: [{ t: 1, vector: nearVector(person, 0.02 * (i + 1)) }],
          }),
          trackResult({ id: 2, start: 5, end: 8 }),
        ],
      }),
    );
    for (const result of results) await library.saveAnalysis(result, { sizeBytes: 100 });
    return { results, person };
  }

  it('should find the tracks of the person nearest first, with where they are', async () => {
    const { results, person } = await saveVideos(4);

    const matches = await library.nearest('face', person, { k: 3 });

    expect(matches.map((m) => m.videoId)).toEqual(results.slice(0, 3).map((r) => r.hash));
    expect(matches[0]).toMatchObject({ kind: 'face', track: 1, t: 1 });
    expect(matches[0].similarity).toBeGreaterThan(matches[2].similarity);
  });

  it('should search only the videos asked for', async () => {
    const { results, person } = await saveVideos(4);
    const wanted = [results[2].hash, results[3].hash];

    const matches = await library.nearest('face', person, { k: 10, videoIds: wanted });

    expect(new Set(matches.map((m) => m.videoId))).toEqual(new Set(wanted));
    expect(matches).toHaveLength(6);
    expect(matches[0]).toMatchObject({ videoId: results[2].hash, track: 1 });
  });

  it('should keep the index and the catalog equal after a reopen', async () => {
    await saveVideos(3);
    await library.close();

    library = await Library.open({ dataDir });

    expect(library.vectorIndex('face').size()).toBe(await library.catalog.embeddingCount('face'));
    expect(library.vectorIndex('body').size()).toBe(await library.catalog.embeddingCount('body'));
  });

  it('should rebuild a deleted index file from the catalog', async () => {
    const { results, person } = await saveVideos(3);
    await library.close();
    rmSync(join(dataDir, 'indexes', 'face.usearch'));

    library = await Library.open({ dataDir });

    expect(library.vectorIndex('face').size()).toBe(3 * 3);
    expect((await library.nearest('face', person, { k: 1 }))[0].videoId).toBe(results[0].hash);
  });

  it('should rebuild a damaged index file from the catalog', async () => {
    await saveVideos(2);
    await library.close();
    writeFileSync(join(dataDir, 'indexes', 'body.usearch'), Buffer.alloc(2048, 1));

    library = await Library.open({ dataDir });

    expect(library.vectorIndex('body').size()).toBe(2 * 2 * 3);
  });

  it('should add to a stale index the embeddings saved after it', async () => {
    await saveVideos(2);
    await library.close();
    const stale = await Library.open({ dataDir });
    await stale.saveAnalysis(analysisResult(), { sizeBytes: 1 });
    // The process dies here: the rows are committed, the index file is not rewritten.
    await stale.catalog.close();

    library = await Library.open({ dataDir });

    expect(library.vectorIndex('face').size()).toBe(await library.catalog.embeddingCount('face'));
    expect(existsSync(join(dataDir, 'indexes', 'face.usearch.json'))).toBe(true);
  });

  it('should say the query comes from another embedder than the library, whatever the search', async () => {
    await saveVideos(2);

    for (const videoIds of [undefined, (await library.listVideos()).map((v) => v.id)]) {
      const error = await library
        .nearest('face', unitVector(512), { k: 3, videoIds })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GlimpseError);
      expect((error as GlimpseError).message).toMatch(/512.*128/);
    }
  });
});

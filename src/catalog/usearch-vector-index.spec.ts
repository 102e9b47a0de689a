import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nearVector, unitVector } from '../../test/library/factories.ts';
import { UsearchVectorIndex } from './usearch-vector-index.ts';

function flatten(vectors: Float32Array[]): Float32Array {
  const flat = new Float32Array(vectors.length * vectors[0].length);
  vectors.forEach((v, i) => flat.set(v, i * v.length));
  return flat;
}

describe(UsearchVectorIndex.name, () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-index-'));
    path = join(dir, 'face.usearch');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function filledIndex(count: number) {
    const vectors = Array.from({ length: count }, () => unitVector(128));
    const sut = new UsearchVectorIndex({ kind: 'face', path });
    sut.add(
      vectors.map((_, i) => i + 1),
      flatten(vectors),
    );
    return { sut, vectors };
  }

  it('should take its dimensions from the first vectors added', () => {
    const { sut } = filledIndex(3);

    expect(sut.dimensions).toBe(128);
    expect(sut.size()).toBe(3);
  });

  it('should find the nearest vector first, with its cosine similarity', () => {
    const { sut, vectors } = filledIndex(200);

    const [best] = sut.search(nearVector(vectors[41], 0.01), 5);

    expect(best.key).toBe(42);
    expect(best.similarity).toBeGreaterThan(0.95);
  });

  it('should not return removed vectors', () => {
    const { sut, vectors } = filledIndex(50);

    sut.remove([10]);

    expect(sut.has(10)).toBe(false);
    expect(sut.size()).toBe(49);
    expect(sut.search(vectors[9], 5).map((m) => m.key)).not.toContain(10);
  });

  it('should reload what it saved', async () => {
    const { sut, vectors } = filledIndex(100);
    await sut.save();

    const loaded = await UsearchVectorIndex.load({ kind: 'face', path });

    expect(loaded?.size()).toBe(100);
    expect(loaded?.search(vectors[7], 1)[0].key).toBe(8);
  });

  it('should save an index whose every vector was removed as no file', async () => {
    const { sut } = filledIndex(4);
    sut.remove([1, 2, 3, 4]);

    await sut.save();

    expect(await UsearchVectorIndex.load({ kind: 'face', path })).toBeUndefined();
  });

  it('should refuse to load a damaged file instead of crashing', async () => {
    const { sut } = filledIndex(100);
    await sut.save();
    writeFileSync(path, Buffer.alloc(4096, 7));

    expect(await UsearchVectorIndex.load({ kind: 'face', path })).toBeUndefined();
  });

  it('should refuse a vector of another size', () => {
    const { sut } = filledIndex(2);

    expect(() => sut.add([99], unitVector(512))).toThrow(/512-d/);
  });

  it('should refuse a query of another size instead of reading it as several queries', () => {
    const { sut } = filledIndex(2);

    expect(() => sut.search(unitVector(512), 2)).toThrow(/512-d/);
  });

  it('should save after a save that failed, once the cause is gone', async () => {
    path = join(dir, 'indexes', 'face.usearch');
    const { sut } = filledIndex(5);
    writeFileSync(join(dir, 'indexes'), 'a file where the folder should be');
    await expect(sut.save()).rejects.toThrow();

    rmSync(join(dir, 'indexes'));
    await sut.save();

    expect((await UsearchVectorIndex.load({ kind: 'face', path }))?.size()).toBe(5);
  });

  it('should survive two indexes of one file saving at once, as two processes may', async () => {
    const first = filledIndex(5).sut;
    const second = filledIndex(7).sut;

    await Promise.all([first.save(), second.save(), first.save(), second.save()]);

    const loaded = await UsearchVectorIndex.load({ kind: 'face', path });
    expect([5, 7, undefined]).toContain(loaded?.size());
  });
});

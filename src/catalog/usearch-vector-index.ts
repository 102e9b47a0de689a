import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import usearch from 'usearch';
import type { EmbeddingKind } from '../vision/detection.ts';
import type { VectorIndex, VectorMatch } from './vector-index.ts';

const { Index, MetricKind } = usearch;

/** HNSW settings; usearch's defaults (0) are 16 links per node and expansions of 128/64. */
export interface HnswSettings {
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
}

export const DEFAULT_HNSW: HnswSettings = {
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 64,
};

/** What is written beside the index file, so a damaged or foreign file is never loaded. */
interface IndexSidecar {
  kind: EmbeddingKind;
  dimensions: number;
  size: number;
  bytes: number;
  sha256: string;
}

interface UsearchIndexOptions {
  kind: EmbeddingKind;
  /** Where `save` writes the index; a `.json` sidecar goes beside it. */
  path: string;
  dimensions?: number | null;
  hnsw?: HnswSettings;
}

/** A usearch HNSW index (cosine) of one embedding kind, saved to one file. */
export class UsearchVectorIndex implements VectorIndex {
  readonly kind: EmbeddingKind;
  readonly path: string;
  private readonly hnsw: HnswSettings;
  private index: InstanceType<typeof Index> | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** True when the index differs from its file. */
  private dirty = true;

  constructor(options: UsearchIndexOptions) {
    this.kind = options.kind;
    this.path = options.path;
    this.hnsw = options.hnsw ?? DEFAULT_HNSW;
    if (options.dimensions) this.index = this.createIndex(options.dimensions);
  }

  /**
   * Loads a saved index after checking its sidecar (size and sha256): usearch itself may
   * crash the process on a damaged file. Returns undefined when there is nothing usable.
   */
  static async load(options: UsearchIndexOptions): Promise<UsearchVectorIndex | undefined> {
    const sidecar = await readSidecar(`${options.path}.json`);
    if (!sidecar || sidecar.kind !== options.kind) return undefined;
    const bytes = await stat(options.path).then(
      (s) => s.size,
      () => -1,
    );
    if (bytes !== sidecar.bytes || (await sha256File(options.path)) !== sidecar.sha256)
      return undefined;

    const loaded = new UsearchVectorIndex({ ...options, dimensions: sidecar.dimensions });
    loaded.index!.load(options.path);
    loaded.dirty = false;
    if (loaded.size() !== sidecar.size || loaded.dimensions !== sidecar.dimensions)
      return undefined;
    return loaded;
  }

  get dimensions(): number | null {
    return this.index ? this.index.dimensions() : null;
  }

  size(): number {
    return this.index ? this.index.size() : 0;
  }

  add(keys: readonly number[], vectors: Float32Array): void {
    if (keys.length === 0) return;
    const dimensions = vectors.length / keys.length;
    if (!Number.isInteger(dimensions))
      throw new Error(`${vectors.length} values are not ${keys.length} whole vectors`);
    this.index ??= this.createIndex(dimensions);
    if (dimensions !== this.index.dimensions())
      throw new Error(
        `A ${dimensions}-d vector cannot join the ${this.kind} index of ${this.index.dimensions()}-d vectors`,
      );
    this.dirty = true;
    // A copy: the native side ignores a typed array's byteOffset.
    this.index.add(toBigKeys(keys), Float32Array.from(vectors), keys.length > 1000 ? 0 : 1);
  }

  remove(keys: readonly number[]): void {
    if (!this.index || keys.length === 0) return;
    this.dirty = true;
    this.index.remove(toBigKeys(keys));
  }

  has(key: number): boolean {
    return this.index ? (this.index.contains(BigInt(key)) as boolean) : false;
  }

  /** The keys of `keys` the index does not hold (one native call). */
  missingKeys(keys: readonly number[]): number[] {
    if (keys.length === 0 || !this.index) return [...keys];
    const held = this.index.contains(toBigKeys(keys)) as boolean[];
    return keys.filter((_, i) => !held[i]);
  }

  search(query: Float32Array, k: number): VectorMatch[] {
    if (!this.index || this.size() === 0 || k <= 0) return [];
    // usearch would read a longer query as several queries.
    if (query.length !== this.index.dimensions())
      throw new Error(
        `A ${query.length}-d query cannot search the ${this.kind} index of ${this.index.dimensions()}-d vectors`,
      );
    const matches = this.index.search(Float32Array.from(query), k, 1);
    return Array.from(matches.keys, (key, i) => ({
      key: Number(key),
      similarity: 1 - matches.distances[i],
    }));
  }

  /** Saves one at a time; a save that failed leaves the index to be written by the next. */
  async save(): Promise<void> {
    this.saving = this.saving.catch(() => undefined).then(() => this.writeIfChanged());
    return this.saving;
  }

  private async writeIfChanged(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.writeFiles();
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  private async writeFiles(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // Known limit: an index file whose every vector was removed crashes usearch 2.25 when
    // loaded, so an empty index is kept as no file at all (and rebuilt empty on open).
    if (!this.index || this.index.size() === 0) {
      await rm(this.path, { force: true });
      await rm(`${this.path}.json`, { force: true });
      return;
    }
    // Temporary names of this save alone: another index of the file (another process) may be
    // saving too. The last index and the last sidecar may then come from different saves; the
    // sidecar's checksum tells, and the index is rebuilt from the catalog.
    const temporary = `${this.path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    this.index.save(temporary);
    const sidecar: IndexSidecar = {
      kind: this.kind,
      dimensions: this.index.dimensions(),
      size: this.index.size(),
      bytes: (await stat(temporary)).size,
      sha256: await sha256File(temporary),
    };
    await rename(temporary, this.path);
    await writeFile(`${temporary}.json`, JSON.stringify(sidecar));
    await rename(`${temporary}.json`, `${this.path}.json`);
  }

  private createIndex(dimensions: number) {
    return new Index({
      dimensions,
      metric: MetricKind.Cos,
      quantization: usearch.ScalarKind.F32,
      connectivity: this.hnsw.connectivity,
      expansion_add: this.hnsw.expansionAdd,
      expansion_search: this.hnsw.expansionSearch,
      multi: false,
    });
  }
}

function toBigKeys(keys: readonly number[]): BigUint64Array {
  return BigUint64Array.from(keys, (key) => BigInt(key));
}

async function readSidecar(path: string): Promise<IndexSidecar | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as IndexSidecar;
  } catch {
    return undefined;
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

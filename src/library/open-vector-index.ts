import type { Catalog } from '../catalog/catalog.ts';
import { UsearchVectorIndex, type HnswSettings } from '../catalog/usearch-vector-index.ts';
import { createLogger } from '../logger.ts';
import type { EmbeddingKind } from '../vision/detection.ts';

const log = createLogger('VectorIndex');

interface OpenVectorIndexOptions {
  kind: EmbeddingKind;
  path: string;
  catalog: Catalog;
  hnsw?: HnswSettings;
}

/**
 * Opens the saved index of a kind and checks it against the catalog, the source of truth.
 * A missing, damaged or stale index is repaired (missing vectors added) or rebuilt from the
 * vectors stored in the catalog.
 */
export async function openVectorIndex(
  options: OpenVectorIndexOptions,
): Promise<UsearchVectorIndex> {
  const started = performance.now();
  const { kind, catalog } = options;
  const keys = await catalog.embeddingKeys(kind);
  const saved = await UsearchVectorIndex.load(options).catch((error: Error) => {
    log.warn(`The ${kind} index ${options.path} cannot be read (${error.message}).`);
    return undefined;
  });

  if (saved && (await repair(saved, keys, catalog))) return saved;

  const index = new UsearchVectorIndex(options);
  const matrix = await catalog.embeddingMatrix(kind);
  index.add(matrix.keys, matrix.vectors);
  await index.save();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log[matrix.keys.length > 0 ? 'info' : 'debug'](
    `Rebuilt the ${kind} index from ${matrix.keys.length} embeddings in ${seconds} s.`,
  );
  return index;
}

/**
 * Adds to an open index the vectors another process stored in the catalog since it was opened.
 * Returns how many vectors it holds that the catalog no longer has (another process deleted
 * their videos).
 *
 * Known limit: those vectors stay in this index until a search comes across them (their
 * catalog rows are gone) or the index is opened again, because usearch cannot list the keys
 * it holds to find them.
 */
export async function catchUpVectorIndex(
  index: UsearchVectorIndex,
  catalog: Catalog,
): Promise<number> {
  const keys = await catalog.embeddingKeys(index.kind);
  const added = await addMissing(index, index.missingKeys(keys), catalog);
  if (added > 0)
    log.info(`Added ${added} embeddings another process stored to the ${index.kind} index.`);
  return index.size() - keys.length;
}

/** Adds the catalog's vectors the index lacks; false when it holds vectors it should not. */
async function repair(index: UsearchVectorIndex, keys: number[], catalog: Catalog) {
  const missing = index.missingKeys(keys);
  if (index.size() + missing.length !== keys.length) return false;
  if (missing.length === 0) return true;

  await addMissing(index, missing, catalog);
  await index.save();
  log.info(`Added ${missing.length} missing embeddings to the ${index.kind} index.`);
  return true;
}

/** Adds these keys' vectors from the catalog, but for any the index gained meanwhile. */
async function addMissing(index: UsearchVectorIndex, missing: number[], catalog: Catalog) {
  if (missing.length === 0) return 0;
  const matrix = await catalog.embeddingMatrix(index.kind, { keys: missing });
  const stillMissing = new Set(index.missingKeys(matrix.keys));
  const rows = matrix.keys.flatMap((key, row) => (stillMissing.has(key) ? [row] : []));
  const vectors = new Float32Array(rows.length * matrix.dimensions);
  rows.forEach((row, i) =>
    vectors.set(
      matrix.vectors.subarray(row * matrix.dimensions, (row + 1) * matrix.dimensions),
      i * matrix.dimensions,
    ),
  );
  index.add(
    rows.map((row) => matrix.keys[row]),
    vectors,
  );
  return rows.length;
}

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

/** Adds the catalog's vectors the index lacks; false when it holds vectors it should not. */
async function repair(index: UsearchVectorIndex, keys: number[], catalog: Catalog) {
  if (index.size() === keys.length && index.hasAll(keys)) return true;
  if (index.size() > keys.length) return false;

  const missing = keys.filter((key) => !index.has(key));
  if (index.size() + missing.length !== keys.length) return false;
  const matrix = await catalog.embeddingMatrix(index.kind, { keys: missing });
  index.add(matrix.keys, matrix.vectors);
  await index.save();
  log.info(`Added ${missing.length} missing embeddings to the ${index.kind} index.`);
  return true;
}

import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisResult } from '../analysis/result.ts';
import type { Catalog, SaveOutcome, SavedEmbedding } from '../catalog/catalog.ts';
import type { VectorIndex } from '../catalog/vector-index.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import type { DataLayout } from './data-dir.ts';

interface StoreAnalysisOptions {
  result: AnalysisResult;
  sizeBytes: number;
  layout: DataLayout;
  catalog: Catalog;
  indexes: Record<EmbeddingKind, VectorIndex>;
}

/**
 * Stores an analysed video: thumbnails written aside first, then every row in one catalog
 * transaction, then the thumbnails moved into place and the embeddings added to the indexes.
 * The catalog commit is the moment the video becomes searchable.
 */
export async function storeAnalysis(options: StoreAnalysisOptions): Promise<SaveOutcome> {
  const { result, layout, catalog } = options;
  const staging = join(layout.thumbnailsRoot, `.staging-${result.hash}-${process.pid}`);
  const thumbnailPaths = await writeThumbnails(result, staging, layout);

  let outcome: SaveOutcome;
  try {
    outcome = await catalog.saveAnalysis(result, { sizeBytes: options.sizeBytes, thumbnailPaths });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (outcome.status === 'skipped') {
    await rm(staging, { recursive: true, force: true });
    return outcome;
  }

  // Files and rows cannot share one transaction: after a crash between the commit and this
  // rename, the next open of the library puts the staged thumbnails in place.
  const final = layout.thumbnailsDir(result.hash);
  await rm(final, { recursive: true, force: true });
  await rename(staging, final);
  updateIndexes(options.indexes, outcome.added, outcome.removedKeys);
  return outcome;
}

async function writeThumbnails(result: AnalysisResult, staging: string, layout: DataLayout) {
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const paths = new Map<number, string>();
  for (const track of result.tracks) {
    await writeFile(join(staging, `${track.id}.jpg`), track.thumbnail.jpeg);
    paths.set(track.id, layout.thumbnail(result.hash, track.id));
  }
  return paths;
}

function updateIndexes(
  indexes: Record<EmbeddingKind, VectorIndex>,
  added: SavedEmbedding[],
  removed: Record<EmbeddingKind, number[]>,
) {
  for (const kind of ['face', 'body'] as const) {
    indexes[kind].remove(removed[kind]);
    const rows = added.filter((embedding) => embedding.kind === kind);
    if (rows.length === 0) continue;
    const flat = new Float32Array(rows.length * rows[0].vector.length);
    rows.forEach((row, i) => flat.set(row.vector, i * row.vector.length));
    indexes[kind].add(
      rows.map((row) => row.key),
      flat,
    );
  }
}

// Vector search over face embeddings (128-d synthetic unit vectors): HNSW build time,
// search latency p50/p99 and recall@10 against exact search, at 100k and 1M vectors; and the
// exact search that serves "within these videos". Clustered data is an archive of people
// seen many times; uniform data (no structure at all) is the hard case for HNSW.
//
//   node bin/run.js bench/vector-search.ts [data:count…]
//     (default: clustered:100000 clustered:1000000 uniform:100000)
//
// Writes bench/results/vector-search.{json,md}; rows measured before for other runs are kept.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import usearch from 'usearch';
import { tableHeader, tableRow } from './markdown.ts';
import { DEFAULT_HNSW, UsearchVectorIndex } from '../src/catalog/usearch-vector-index.ts';

const DIMENSIONS = 128;
/** Vectors per identity cluster: a person seen in many tracks. */
const CLUSTER_SIZE = 50;
/** Spread of a cluster around its centre, per dimension before normalising. */
const SPREAD = 0.06;
const QUERIES = 500;
const K = 10;
/** Size of the subset searched exactly ("within these videos"). */
const SUBSET = 10_000;

type Data = 'clustered' | 'uniform';
const DEFAULT_RUNS = ['clustered:100000', 'clustered:1000000', 'uniform:100000'];
const runs = (process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_RUNS).map((arg) => {
  const [data, count] = arg.split(':');
  if (data !== 'clustered' && data !== 'uniform') throw new Error(`Unknown data ${data}`);
  return { data: data as Data, count: Number(count) };
});

/** A small seeded generator, so every run measures the same vectors. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
}

function normalise(vectors: Float32Array, row: number): void {
  const start = row * DIMENSIONS;
  let norm = 0;
  for (let i = 0; i < DIMENSIONS; i++) norm += vectors[start + i] ** 2;
  norm = Math.sqrt(norm);
  for (let i = 0; i < DIMENSIONS; i++) vectors[start + i] /= norm;
}

/** `count` unit vectors in clusters of CLUSTER_SIZE around random centres, or uniform. */
function syntheticVectors(data: Data, count: number, seed: number): Float32Array {
  const clusterSize = data === 'clustered' ? CLUSTER_SIZE : 1;
  const next = random(seed);
  const vectors = new Float32Array(count * DIMENSIONS);
  const centre = new Float32Array(DIMENSIONS);
  for (let row = 0; row < count; row++) {
    if (row % clusterSize === 0)
      for (let i = 0; i < DIMENSIONS; i++) centre[i] = gaussian(next) / Math.sqrt(DIMENSIONS);
    for (let i = 0; i < DIMENSIONS; i++)
      vectors[row * DIMENSIONS + i] = centre[i] + gaussian(next) * SPREAD;
    normalise(vectors, row);
  }
  return vectors;
}

/** Queries: noisy copies of random stored vectors (a new photo of someone in the archive). */
function queriesNear(vectors: Float32Array, count: number, seed: number): Float32Array {
  const next = random(seed);
  const rows = vectors.length / DIMENSIONS;
  const queries = new Float32Array(count * DIMENSIONS);
  for (let q = 0; q < count; q++) {
    const row = Math.floor(next() * rows);
    for (let i = 0; i < DIMENSIONS; i++)
      queries[q * DIMENSIONS + i] = vectors[row * DIMENSIONS + i] + gaussian(next) * SPREAD;
    normalise(queries, q);
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function exactTopK(dataset: Float32Array, queries: Float32Array, k: number): number[][] {
  const found = usearch.exactSearch(dataset, queries, DIMENSIONS, k, usearch.MetricKind.Cos, 0);
  const batch = found as InstanceType<typeof usearch.BatchMatches>;
  const rows = queries.length / DIMENSIONS;
  return Array.from({ length: rows }, (_, q) => Array.from(batch.get(q).keys, Number));
}

function measure(data: Data, count: number) {
  const vectors = syntheticVectors(data, count, count);
  const queries = queriesNear(vectors, QUERIES, count + 1);
  const keys = Array.from({ length: count }, (_, i) => i);
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-bench-index-'));
  const index = new UsearchVectorIndex({ kind: 'face', path: join(dir, 'face.usearch') });

  let started = performance.now();
  index.add(keys, vectors);
  const buildSeconds = (performance.now() - started) / 1000;

  // Incremental insert as a video finishes: a few hundred vectors into the full index.
  const extra = syntheticVectors(data, 500, count + 2);
  started = performance.now();
  for (let i = 0; i < 500; i += 20)
    index.add(
      Array.from({ length: 20 }, (_, j) => count + i + j),
      extra.subarray(i * DIMENSIONS, (i + 20) * DIMENSIONS),
    );
  const insertMicroseconds = ((performance.now() - started) * 1000) / 500;
  index.remove(Array.from({ length: 500 }, (_, i) => count + i));

  const latencies: number[] = [];
  const approximate: number[][] = [];
  for (let q = 0; q < QUERIES; q++) {
    const query = queries.slice(q * DIMENSIONS, (q + 1) * DIMENSIONS);
    started = performance.now();
    const found = index.search(query, K);
    latencies.push(performance.now() - started);
    approximate.push(found.map((m) => m.key));
  }
  latencies.sort((a, b) => a - b);

  started = performance.now();
  const exact = exactTopK(vectors, queries, K);
  const exactMsPerQuery = (performance.now() - started) / QUERIES;
  const hits = approximate.reduce(
    (sum, found, q) => sum + found.filter((key) => exact[q].includes(key)).length,
    0,
  );

  const subset = vectors.slice(0, SUBSET * DIMENSIONS);
  const subsetTimes: number[] = [];
  for (let q = 0; q < 50; q++) {
    const query = queries.slice(q * DIMENSIONS, (q + 1) * DIMENSIONS);
    started = performance.now();
    usearch.exactSearch(Float32Array.from(subset), query, DIMENSIONS, K, usearch.MetricKind.Cos, 1);
    subsetTimes.push(performance.now() - started);
  }
  subsetTimes.sort((a, b) => a - b);

  rmSync(dir, { recursive: true, force: true });
  return {
    data,
    vectors: count,
    dimensions: DIMENSIONS,
    buildSeconds: round(buildSeconds, 1),
    buildThreads: cpus().length,
    insertMicrosecondsPerVector: round(insertMicroseconds, 0),
    searchMs: {
      p50: round(percentile(latencies, 50), 3),
      p99: round(percentile(latencies, 99), 3),
    },
    recallAt10: round(hits / (QUERIES * K), 4),
    exactSearchMsPerQuery: round(exactMsPerQuery, 2),
    exactSubset: { vectors: SUBSET, p50Ms: round(percentile(subsetTimes, 50), 3) },
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const out = resolve(import.meta.dirname, 'results');
const previous = existsSync(join(out, 'vector-search.json'))
  ? (JSON.parse(readFileSync(join(out, 'vector-search.json'), 'utf8')).results as ReturnType<
      typeof measure
    >[])
  : [];
const fresh = runs.map(({ data, count }) => {
  const result = { ...measure(data, count), date: new Date().toISOString() };
  console.log(JSON.stringify(result));
  return result;
});
const results = [
  ...previous.filter((old) => !fresh.some((r) => r.data === old.data && r.vectors === old.vectors)),
  ...fresh,
].sort((a, b) => a.data.localeCompare(b.data) || a.vectors - b.vectors);

const report = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0].model}`,
  usearch: '2.25.3',
  hnsw: DEFAULT_HNSW,
  data:
    `${DIMENSIONS}-d unit vectors, clustered (${CLUSTER_SIZE} per cluster, spread ${SPREAD} ` +
    `per dimension) or uniform; ${QUERIES} queries: stored vectors plus the same spread of ` +
    `noise; k = ${K}`,
  results,
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'vector-search.json'), `${JSON.stringify(report, null, 2)}\n`);
const rows = results.map((r) =>
  tableRow([
    r.data,
    r.vectors.toLocaleString('en'),
    `${r.buildSeconds} s`,
    `${r.insertMicrosecondsPerVector} µs`,
    `${r.searchMs.p50} ms`,
    `${r.searchMs.p99} ms`,
    r.recallAt10,
    `${r.exactSearchMsPerQuery} ms`,
    `${r.exactSubset.p50Ms} ms`,
  ]),
);
writeFileSync(
  join(out, 'vector-search.md'),
  [
    '# Vector search (face embeddings)',
    '',
    `${report.date}, ${report.machine}, usearch ${report.usearch} HNSW (cosine, connectivity ` +
      `${DEFAULT_HNSW.connectivity}, expansion add/search ${DEFAULT_HNSW.expansionAdd}/` +
      `${DEFAULT_HNSW.expansionSearch}).`,
    `Data: ${report.data}. Search: one query at a time, one thread. ` +
      'Build: all vectors in one call on every core.',
    'Exact: usearch exactSearch over all vectors (all cores, batch), and over a 10k subset ' +
      '(one thread) as "within these videos" does.',
    '',
    ...tableHeader([
      'data',
      'vectors',
      'build',
      'insert (incremental, per vector)',
      'search p50',
      'search p99',
      'recall@10',
      'exact search (all)',
      'exact search (10k subset)',
    ]),
    ...rows,
    '',
  ].join('\n'),
);

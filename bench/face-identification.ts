// Face identification and verification on the shared face photos (../shared/data/faces):
// detect the largest face of each photo, align it, embed it with each face embedder, then
// rank-1 identification, true-accept rates at fixed false-accept rates, score distributions,
// and the latency of every model call.
// Run: node bin/run.js bench/face-identification.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { RgbImage } from '../src/media/frame.ts';
import { alignFace } from '../src/vision/align-face.ts';
import { FaceDetector } from '../src/vision/face-detector.ts';
import {
  FACEPLUGIN,
  FaceEmbedder,
  MOBILEFACENET,
  type FaceEmbedderOptions,
} from '../src/vision/face-embedder.ts';
import { cosineSimilarity } from '../src/vision/similarity.ts';
import {
  largestFace,
  listFacePhotos,
  pairKey,
  readNearDuplicatePairs,
  scorePairs,
  type FacePhoto,
} from '../src/vision/testing/face-set.ts';
import { readPicture } from '../src/vision/testing/shared-data.ts';
import { tableHeader, tableRow } from './markdown.ts';
import {
  areaUnderCurve,
  operatingPoint,
  summarise,
  type PairScores,
} from '../src/vision/testing/verification.ts';

process.env.GLIMPSE_MODELS ??= resolve('..', 'shared', 'models');
process.env.GLIMPSE_SHARED_DATA ??= resolve('..', 'shared', 'data');

const RESULTS = resolve('bench', 'results');
const FALSE_ACCEPT_RATES = [1e-2, 1e-3];
const EMBEDDERS: { name: string; file: string; options: FaceEmbedderOptions }[] = [
  {
    name: 'MobileFaceNet 128-d',
    file: 'mobilefacenet_128d.onnx',
    options: MOBILEFACENET,
  },
  {
    name: 'faceplugin 512-d',
    file: 'faceplugin_fr_feature_512d.onnx',
    options: FACEPLUGIN,
  },
];

interface AlignedPhoto extends FacePhoto {
  face: RgbImage;
}

const latencies: Record<string, number[]> = {};

async function timed<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await run();
  (latencies[name] ??= []).push(performance.now() - started);
  return result;
}

async function alignPhotos(
  photos: FacePhoto[],
): Promise<{ aligned: AlignedPhoto[]; missed: string[] }> {
  const detector = await FaceDetector.load(
    join(process.env.GLIMPSE_MODELS!, 'yunet_s_dynamic.onnx'),
  );
  const aligned: AlignedPhoto[] = [];
  const missed: string[] = [];
  for (const photo of photos) {
    const image = await readPicture(photo.path);
    const faces = await timed('YuNet detect (longer side ≤ 640)', () => detector.detect(image));
    const face = largestFace(faces);
    if (!face) {
      missed.push(photo.name);
      continue;
    }
    aligned.push({
      ...photo,
      face: await timed('alignFace (JS)', () => alignFace(image, face.landmarks)),
    });
  }
  await detector.release();
  return { aligned, missed };
}

function rankOne(
  photos: { identity: string; name: string; embedding: Float32Array }[],
  nearDuplicates: Set<string>,
) {
  const counts = new Map<string, number>();
  for (const photo of photos) counts.set(photo.identity, (counts.get(photo.identity) ?? 0) + 1);
  let probes = 0;
  let correct = 0;
  const wrong: string[] = [];
  for (const probe of photos) {
    if ((counts.get(probe.identity) ?? 0) < 2) continue;
    let best: (typeof photos)[number] | undefined;
    let bestScore = -Infinity;
    for (const other of photos) {
      if (other === probe || nearDuplicates.has(pairKey(probe.name, other.name))) continue;
      const score = cosineSimilarity(probe.embedding, other.embedding);
      if (score > bestScore) [best, bestScore] = [other, score];
    }
    probes++;
    if (best?.identity === probe.identity) correct++;
    else wrong.push(`${probe.name} → ${best?.name}`);
  }
  return { probes, correct, rate: correct / probes, wrong };
}

function latencySummary(samples: number[]) {
  const s = summarise(samples);
  return {
    calls: s.count,
    medianMs: round(s.p50),
    meanMs: round(s.mean),
    p95Ms: round(s.p95),
    minMs: round(s.min),
  };
}

function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

async function evaluate(
  embedder: (typeof EMBEDDERS)[number],
  aligned: AlignedPhoto[],
  nearDuplicates: Set<string>,
) {
  const model = await FaceEmbedder.load(
    join(process.env.GLIMPSE_MODELS!, embedder.file),
    embedder.options,
  );
  const embedded = [];
  for (const photo of aligned) {
    const [embedding] = await timed(`${embedder.name} embed (1 face)`, () =>
      model.embed([photo.face]),
    );
    embedded.push({ identity: photo.identity, name: photo.name, embedding });
  }
  await model.release();
  const pairs: PairScores = scorePairs(embedded, nearDuplicates, cosineSimilarity);
  const same = summarise(pairs.same);
  const different = summarise(pairs.different);
  return {
    model: embedder.name,
    file: embedder.file,
    dimensions: model.dimensions,
    rankOne: rankOne(embedded, nearDuplicates),
    auc: round(areaUnderCurve(pairs), 5),
    operatingPoints: FALSE_ACCEPT_RATES.map((far) => {
      const point = operatingPoint(pairs, far);
      return {
        ...point,
        threshold: round(point.threshold, 4),
        trueAcceptRate: round(point.trueAcceptRate, 4),
      };
    }),
    scores: { same: roundSummary(same), different: roundSummary(different) },
    pairs,
  };
}

function roundSummary(summary: ReturnType<typeof summarise>) {
  return Object.fromEntries(
    Object.entries(summary).map(([k, v]) => [k, k === 'count' ? v : round(v, 4)]),
  );
}

function markdown(report: Awaited<ReturnType<typeof buildReport>>): string {
  const lines = [
    '# Face identification on the shared face photos',
    '',
    `Generated by \`node bin/run.js bench/face-identification.ts\` on ${report.date}.`,
    `${report.photos} photos of ${report.identities} identities; a face was found in ${report.photosWithFace}` +
      ` (largest face, YuNet-s, score ≥ 0.8, longer side ≤ 640). ${report.nearDuplicatePairs} near-duplicate` +
      ' pairs excluded from pairs and from rank-1 galleries. Rank-1: leave-one-out over identities' +
      ' with at least 2 photos, against every other photo (single-photo identities are distractors).',
    '',
    ...tableHeader([
      'model',
      'dims',
      'rank-1',
      'AUC',
      'TAR @ FAR 1e-2 (threshold)',
      'TAR @ FAR 1e-3 (threshold)',
      'same mean (min)',
      'different mean (max)',
    ]),
  ];
  for (const m of report.models) {
    const [p2, p3] = m.operatingPoints;
    lines.push(
      tableRow([
        m.model,
        m.dimensions,
        `${m.rankOne.correct}/${m.rankOne.probes} (${(100 * m.rankOne.rate).toFixed(1)}%)`,
        m.auc,
        `${(100 * p2.trueAcceptRate).toFixed(1)}% (${p2.threshold})`,
        `${(100 * p3.trueAcceptRate).toFixed(1)}% (${p3.threshold})`,
        `${m.scores.same.mean} (${m.scores.same.min})`,
        `${m.scores.different.mean} (${m.scores.different.max})`,
      ]),
    );
  }
  lines.push('', comparison(report), '');
  lines.push(
    '',
    '## Score distributions (cosine)',
    '',
    '| model | pairs | count | mean | min | p1 | p5 | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const m of report.models) {
    for (const kind of ['same', 'different'] as const) {
      const s = m.scores[kind] as Record<string, number>;
      lines.push(
        tableRow([m.model, kind, s.count, s.mean, s.min, s.p1, s.p5, s.p50, s.p95, s.p99, s.max]),
      );
    }
  }
  lines.push(
    '',
    '## Latency per call (one thread, spinning off)',
    '',
    `Load average at the end: ${report.loadAverageAtEnd.join(', ')} on 2 cores (other processes` +
      ' may share the cores: medians are the fairer figure). Most photos are 150×150 crops,' +
      ' so YuNet ran on small inputs.',
    '',
    '| call | calls | median ms | mean ms | p95 ms | min ms |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const [name, l] of Object.entries(report.latency)) {
    lines.push(`| ${name} | ${l.calls} | ${l.medianMs} | ${l.meanMs} | ${l.p95Ms} | ${l.minMs} |`);
  }
  lines.push(
    '',
    '## Photos without a face found',
    '',
    ...(report.missed.length ? report.missed.map((n) => `- ${n}`) : ['(none)']),
  );
  lines.push('', '## Rank-1 mistakes', '');
  for (const m of report.models) {
    lines.push(
      `${m.model}:`,
      '',
      ...(m.rankOne.wrong.length ? m.rankOne.wrong.map((w) => `- ${w}`) : ['- (none)']),
      '',
    );
  }
  lines.push('Raw pair scores for calibration: `face-pair-scores.json`.', '');
  return lines.join('\n');
}

/** One sentence comparing the first two models on accuracy and speed. */
function comparison(report: Awaited<ReturnType<typeof buildReport>>): string {
  const [a, b] = report.models;
  if (!a || !b) return '';
  const speed = (m: typeof a) => report.latency[`${m.model} embed (1 face)`]?.medianMs ?? NaN;
  const tar = (m: typeof a) => (100 * m.operatingPoints[1].trueAcceptRate).toFixed(1);
  return (
    `${b.model} accepts ${tar(b)}% of same-person pairs at FAR 1e-3 against ${tar(a)}% for` +
    ` ${a.model}, with ${b.dimensions / a.dimensions}× the dimensions and a median` +
    ` ${speed(b)} ms per face against ${speed(a)} ms.`
  );
}

async function buildReport() {
  const photos = await listFacePhotos();
  const nearDuplicates = await readNearDuplicatePairs();
  const { aligned, missed } = await alignPhotos(photos);
  const models = [];
  for (const embedder of EMBEDDERS) models.push(await evaluate(embedder, aligned, nearDuplicates));
  return {
    date: new Date().toISOString().slice(0, 10),
    loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
    photos: photos.length,
    identities: new Set(photos.map((p) => p.identity)).size,
    photosWithFace: aligned.length,
    nearDuplicatePairs: nearDuplicates.size,
    missed,
    models,
    latency: Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, latencySummary(v)])),
  };
}

const report = await buildReport();
await mkdir(RESULTS, { recursive: true });
const { models, ...rest } = report;
const summary = { ...rest, models: models.map(({ pairs: _pairs, ...m }) => m) };
await writeFile(join(RESULTS, 'face-identification.json'), JSON.stringify(summary, null, 2) + '\n');
await writeFile(join(RESULTS, 'face-identification.md'), markdown(report));
const pairScores = Object.fromEntries(
  models.map((m) => [
    m.file,
    {
      same: m.pairs.same.map((s) => round(s, 5)),
      different: m.pairs.different.map((s) => round(s, 5)),
    },
  ]),
);
await writeFile(
  join(RESULTS, 'face-pair-scores.json'),
  JSON.stringify({
    note: 'cosine scores of face pairs (largest face, aligned), same vs different identity, near-duplicates excluded',
    models: pairScores,
  }) + '\n',
);
console.log(markdown(report));

// Score calibration: fits the logistic (Platt) curves that turn raw cosine similarities into
// the calibrated scores search shows, and picks each kind's default minimum score.
// Face: same/different identity pairs of the shared face photos (bench/results/face-pair-scores.json,
// written by bench/face-identification.ts). Body: same/different person pairs from tracks of
// shared footage (see fitBody). Writes src/search/calibration-{face,body}.json and
// bench/results/score-calibration.md.
// Run: node bin/run.js bench/score-calibration.ts [--face-only]
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScoreCalibration } from '../src/search/calibration.ts';
import { calibratedScore, similarityForScore } from '../src/search/calibration.ts';
import { fitLogistic } from '../src/search/logistic-fit.ts';
import { operatingPoint, summarise, type PairScores } from '../src/vision/testing/verification.ts';
import type { BodyPairSet } from './score-calibration/body-pairs.ts';

process.env.GLIMPSE_MODELS ??= resolve('..', 'shared', 'models');
process.env.GLIMPSE_SHARED_DATA ??= resolve('..', 'shared', 'data');
process.env.GLIMPSE_LOG_LEVEL ??= 'warn';

const RESULTS = resolve('bench', 'results');
const SEARCH = resolve('src', 'search');
const FACE_MODEL = 'mobilefacenet_128d';
const BODY_MODEL = 'osnet_x0_25_msmt17';
const PRIOR = 0.5;
/** Face: the default keeps at most one different-person pair in a thousand. */
const FACE_FALSE_ACCEPT_RATE = 1e-3;
/** Body: stricter, as body similarity separates persons far less well (see the report). */
const BODY_FALSE_ACCEPT_RATE = 1e-4;
const REPORTED_SCORES = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99];

interface Fit {
  calibration: ScoreCalibration;
  pairs: PairScores;
  /** Share of same / different pairs at or above the default. */
  trueAcceptRate: number;
  falseAcceptRate: number;
  targetFalseAcceptRate: number;
}

function fitKind(options: {
  kind: 'face' | 'body';
  model: string;
  pairs: PairScores;
  targetFalseAcceptRate: number;
  source: string;
}): Fit {
  const { kind, model, pairs, targetFalseAcceptRate } = options;
  const { slope, intercept } = fitLogistic({ ...pairs, prior: PRIOR });
  const point = operatingPoint(pairs, targetFalseAcceptRate);
  const partial = { kind, model, slope, intercept, prior: PRIOR, source: options.source };
  // Rounded up so people can type it without loosening the target; the similarity is
  // recomputed from the rounded score.
  const defaultMinScore = roundScore(
    calibratedScore(point.threshold, { ...partial, defaultMinScore: 0.5, defaultMinSimilarity: 0 }),
  );
  const calibration: ScoreCalibration = {
    ...partial,
    defaultMinScore,
    defaultMinSimilarity: 0,
  };
  calibration.defaultMinSimilarity = round(similarityForScore(defaultMinScore, calibration), 6);
  const at = calibration.defaultMinSimilarity;
  return {
    calibration,
    pairs,
    trueAcceptRate: share(pairs.same, at),
    falseAcceptRate: share(pairs.different, at),
    targetFalseAcceptRate,
  };
}

/** Rounds up to 3 decimals (more when close to 1): a default never looser than its target. */
function roundScore(score: number): number {
  const digits = score > 0.999 ? 5 : score > 0.99 ? 4 : 3;
  return Math.ceil(score * 10 ** digits) / 10 ** digits;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

function share(scores: readonly number[], threshold: number): number {
  return scores.filter((score) => score >= threshold).length / scores.length;
}

async function readFacePairs(): Promise<PairScores> {
  const path = join(RESULTS, 'face-pair-scores.json');
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`${path} is missing: run node bin/run.js bench/face-identification.ts first`);
  });
  const scores = JSON.parse(text).models[`${FACE_MODEL}.onnx`] as PairScores | undefined;
  if (!scores) throw new Error(`${path} has no scores of ${FACE_MODEL}.onnx`);
  return scores;
}

const faceOnly = process.argv.includes('--face-only');
const facePairs = await readFacePairs();
const fits: Fit[] = [
  fitKind({
    kind: 'face',
    model: FACE_MODEL,
    pairs: facePairs,
    targetFalseAcceptRate: FACE_FALSE_ACCEPT_RATE,
    source:
      `Platt fit on ${facePairs.same.length} same and ${facePairs.different.length} different ` +
      `identity pairs of the shared face photos (bench/score-calibration.ts); default at a ` +
      `false-accept rate of ${FACE_FALSE_ACCEPT_RATE} of those pairs.`,
  }),
];
let bodySet: BodyPairSet | undefined;
if (!faceOnly) {
  // Imported here so that --face-only runs without the analysis pipeline.
  const { collectBodyPairs } = await import('./score-calibration/body-pairs.ts');
  bodySet = await collectBodyPairs();
  fits.push(
    fitKind({
      kind: 'body',
      model: BODY_MODEL,
      pairs: bodySet.pairs,
      targetFalseAcceptRate: BODY_FALSE_ACCEPT_RATE,
      source:
        `Platt fit on ${bodySet.pairs.same.length} same and ${bodySet.pairs.different.length} ` +
        `different person pairs of tracks in ${bodySet.videos.join(', ')} ` +
        `(bench/score-calibration.ts); default at a false-accept rate of ` +
        `${BODY_FALSE_ACCEPT_RATE} of those pairs.`,
    }),
  );
}

for (const fit of fits) {
  const path = join(SEARCH, `calibration-${fit.calibration.kind}.json`);
  await writeFile(path, JSON.stringify(fit.calibration, null, 2) + '\n');
  console.log(`${fit.calibration.kind}: ${JSON.stringify(fit.calibration)}`);
  console.log(`  TAR ${fit.trueAcceptRate.toFixed(4)} FAR ${fit.falseAcceptRate.toFixed(5)}`);
}
await writeFile(join(RESULTS, 'score-calibration.md'), report(fits, bodySet));

function report(all: readonly Fit[], body: BodyPairSet | undefined): string {
  return [
    '# Calibrated scores',
    '',
    `Generated by \`node bin/run.js bench/score-calibration.ts\` on ${today()}.`,
    '',
    ...meaning(),
    ...all.flatMap(fitSection),
    ...(body ? bodyMethod(body) : []),
    ...changing(),
  ].join('\n');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function meaning(): string[] {
  return [
    '## What a score means',
    '',
    'Every score Glimpse shows is a number from 0 to 1: the estimated probability that the',
    'query and the moment show the same person, **if before looking one thought it as likely as',
    'not** (a prior of 50/50). It comes from the raw cosine similarity of their embeddings',
    'through a logistic curve fitted on pairs of known same and different persons (Platt',
    'scaling), separately for face and body embeddings:',
    '',
    '    score = 1 / (1 + exp(-(slope × similarity + intercept)))',
    '',
    'Read it as a ranking with a meaningful scale, not as a promise. In a real archive most',
    'tracks show someone else, so for a given moment the real chance is lower than the score',
    'when the archive is large; the default minimum is therefore set from the false-accept',
    "rate (how many different-person pairs pass), not from the score alone. A moment's score",
    "is that of its track's best matching embedding (see src/search/group-matches.ts); as a",
    "track stores up to three embeddings per kind, a stranger's track passes up to three",
    'times as often as one pair does (at most about 3e-3 of tracks at the face default).',
    '',
  ];
}

function fitSection(fit: Fit): string[] {
  const { calibration: c, pairs } = fit;
  const same = summarise(pairs.same);
  const different = summarise(pairs.different);
  return [
    `## ${c.kind === 'face' ? 'Face' : 'Body (re-identification)'} scores (${c.model})`,
    '',
    c.source,
    '',
    `- slope ${c.slope.toFixed(4)}, intercept ${c.intercept.toFixed(4)}, prior ${c.prior}`,
    `- **default minimum score ${c.defaultMinScore}** = cosine similarity ` +
      `${c.defaultMinSimilarity.toFixed(4)}`,
    `- at the default: true-accept rate **${percent(fit.trueAcceptRate)}** of same-person ` +
      `pairs, false-accept rate ${fit.falseAcceptRate.toExponential(2)} of different-person ` +
      `pairs (target ${fit.targetFalseAcceptRate})`,
    `- same pairs: ${same.count}, similarity mean ${same.mean.toFixed(3)}, ` +
      `p5 ${same.p5.toFixed(3)}, p50 ${same.p50.toFixed(3)}`,
    `- different pairs: ${different.count}, similarity mean ${different.mean.toFixed(3)}, ` +
      `p99 ${different.p99.toFixed(3)}, max ${different.max.toFixed(3)}`,
    '',
    '| score | similarity | same pairs at or above | different pairs at or above |',
    '| --- | --- | --- | --- |',
    ...[...REPORTED_SCORES, c.defaultMinScore]
      .sort((a, b) => a - b)
      .map((score) => {
        const similarity = similarityForScore(score, c);
        return (
          `| ${score}${score === c.defaultMinScore ? ' (default)' : ''} | ` +
          `${similarity.toFixed(4)} | ${percent(share(pairs.same, similarity))} | ` +
          `${share(pairs.different, similarity).toExponential(2)} |`
        );
      }),
    '',
  ];
}

function bodyMethod(body: BodyPairSet): string[] {
  return ['## How the body pairs were made', '', ...body.method, ''];
}

function changing(): string[] {
  return [
    '## Changing the threshold',
    '',
    '- Per search: `glimpse search --photo me.jpg --min-score 0.5` (the HTTP API takes',
    '  `minScore`). Lower finds more moments and more strangers; higher, fewer of both. The',
    '  tables above give the share of same and different pairs that pass at each score.',
    '- The defaults live in `src/search/calibration-face.json` and',
    '  `src/search/calibration-body.json` (`defaultMinScore`). Rerun',
    '  `node bin/run.js bench/score-calibration.ts` after changing an embedding model or the',
    '  target false-accept rates at the top of that script; it rewrites both files and this page.',
    '',
  ];
}

function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

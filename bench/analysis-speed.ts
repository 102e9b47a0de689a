// Analysis speed: video-seconds analysed per wall-second, per stage, against two references:
// the floor (ffmpeg only decoding the file) and the naive approach on the same models (every
// person crop and every face embedded on every sampled frame, no tracking).
//
//   node bin/run.js bench/analysis-speed.ts [video…]
//
// Writes bench/results/analysis-speed.{json,md}.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Analyzer, DEFAULT_ANALYZER_OPTIONS } from '../src/analysis/analyzer.ts';
import type { AnalysisResult } from '../src/analysis/result.ts';
import { decodeFrames } from '../src/media/frames.ts';
import { cropImage } from '../src/media/image.ts';
import { probeVideo } from '../src/media/probe.ts';
import { alignFace } from '../src/vision/align-face.ts';
import { BodyEmbedder } from '../src/vision/body-embedder.ts';
import { FaceDetector } from '../src/vision/face-detector.ts';
import { FaceEmbedder } from '../src/vision/face-embedder.ts';
import { locateModel } from '../src/vision/models/locate.ts';
import { tableHeader, tableRow } from './markdown.ts';
import { PersonDetector } from '../src/vision/person-detector.ts';

const run = promisify(execFile);
const shared = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'video');
const videos = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      join(shared, 'opencv_vtest.avi'),
      join(shared, 'facenetpytorch_royal_opera_house_walkers.mp4'),
    ];
const options = DEFAULT_ANALYZER_OPTIONS;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function ffmpegDecodeOnly(path: string): Promise<number> {
  return seconds(() =>
    run('ffmpeg', ['-v', 'error', '-threads', '1', '-i', path, '-f', 'null', '-']),
  );
}

async function sampledDecodeOnly(path: string): Promise<number> {
  const facts = await probeVideo(path);
  return seconds(async () => {
    for await (const frame of decodeFrames(path, {
      fps: options.fps,
      maxSide: options.maxFrameSide,
      facts,
    })) {
      void frame;
    }
  });
}

interface NaiveModels {
  person: PersonDetector;
  face: FaceDetector;
  faceEmbedder: FaceEmbedder;
  bodyEmbedder: BodyEmbedder;
}

/** Every person crop and every face of every sampled frame embedded; no tracking. */
async function naive(path: string, models: NaiveModels) {
  const facts = await probeVideo(path);
  let crops = 0;
  let faces = 0;
  const wall = await seconds(async () => {
    for await (const frame of decodeFrames(path, {
      fps: options.fps,
      maxSide: options.maxFrameSide,
      facts,
    })) {
      const persons = await models.person.detect(frame);
      const found = await models.face.detect(frame, { maxSide: options.faceDetectionMaxSide });
      for (const person of persons.filter((p) => p.score >= 0.5)) {
        await models.bodyEmbedder.embed(cropImage(frame, person.box), [
          [0, 0, person.box[2] - person.box[0], person.box[3] - person.box[1]],
        ]);
        crops++;
      }
      if (found.length) {
        await models.faceEmbedder.embed(found.map((face) => alignFace(frame, face.landmarks)));
        faces += found.length;
      }
    }
  });
  return { wall, crops, faces };
}

const analyzer = await Analyzer.load();
const naiveModels: NaiveModels = {
  person: await PersonDetector.load(await locateModel('person-detector')),
  face: await FaceDetector.load(await locateModel('face-detector')),
  faceEmbedder: await FaceEmbedder.load(await locateModel('face-embedder')),
  bodyEmbedder: await BodyEmbedder.load(await locateModel('body-embedder')),
};

const rows = [];
for (const path of videos) {
  const facts = await probeVideo(path);
  const ffmpegOnly = await ffmpegDecodeOnly(path);
  const decodeOnly = await sampledDecodeOnly(path);
  let result: AnalysisResult | undefined;
  const wall = await seconds(async () => {
    result = await analyzer.analyze(path);
  });
  const analysis = result!;
  const reference = await naive(path, naiveModels);
  const speed = (s: number) => Number((facts.duration / s).toFixed(2));
  const row = {
    video: basename(path),
    size: `${facts.width}x${facts.height}`,
    duration: facts.duration,
    analysisFps: options.fps,
    tracks: analysis.tracks.length,
    embeddings: analysis.tracks.reduce(
      (n, t) => n + t.faceEmbeddings.length + t.bodyEmbeddings.length,
      0,
    ),
    glimpse: { wallSeconds: Number(wall.toFixed(2)), videoSecondsPerSecond: speed(wall) },
    stages: Object.fromEntries(
      Object.entries(analysis.timings).map(([k, v]) => [k, Number(v.toFixed(2))]),
    ),
    floor: {
      ffmpegFullDecodeSeconds: Number(ffmpegOnly.toFixed(2)),
      ffmpegFullDecodeSpeed: speed(ffmpegOnly),
      sampledDecodeSeconds: Number(decodeOnly.toFixed(2)),
      sampledDecodeSpeed: speed(decodeOnly),
    },
    naive: {
      wallSeconds: Number(reference.wall.toFixed(2)),
      videoSecondsPerSecond: speed(reference.wall),
      embeddedBodyCrops: reference.crops,
      embeddedFaces: reference.faces,
    },
  };
  console.log(JSON.stringify(row, null, 2));
  rows.push(row);
}
await analyzer.close();

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const out = resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'analysis-speed.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, options, rows }, null, 2)}\n`,
);
const table = [
  ...tableHeader([
    'video',
    'size',
    'duration s',
    'Glimpse (video s / s)',
    'naive (video s / s)',
    'sampled decode floor',
    'ffmpeg full decode',
    'stages (s)',
  ]),
  ...rows.map((r) =>
    tableRow([
      r.video,
      r.size,
      r.duration,
      r.glimpse.videoSecondsPerSecond,
      r.naive.videoSecondsPerSecond,
      r.floor.sampledDecodeSpeed,
      r.floor.ffmpegFullDecodeSpeed,
      Object.entries(r.stages)
        .map(([stage, seconds]) => `${stage} ${seconds}`)
        .join(', '),
    ]),
  ),
];
writeFileSync(
  join(out, 'analysis-speed.md'),
  `# Analysis speed\n\n${machine}; analysis at ${options.fps} frames per second, frames up to ` +
    `${options.maxFrameSide} px, faces detected at up to ${options.faceDetectionMaxSide} px. ` +
    `Speeds are video-seconds per wall-second (higher is faster).\n\n${table.join('\n')}\n\n` +
    `Rerun: \`node bin/run.js bench/analysis-speed.ts\`.\n`,
);

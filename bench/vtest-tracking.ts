// Person counts and track fragmentation on opencv's vtest.avi against the hand counts in
// ../shared/data/labels/opencv_vtest.tsv.
//
//   node bin/run.js bench/vtest-tracking.ts
//
// Without identity labels, ID switches cannot be counted exactly. This reports the events that
// bound them from above: a track that ends, or starts, away from the picture's border (a person
// cannot appear or vanish mid-frame except behind an obstacle, so each such event is an ID
// switch, a track broken by occlusion, or a person passing behind the lamp-post sign).
// Writes bench/results/vtest-tracking.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { join, resolve } from 'node:path';
import { Analyzer } from '../src/analysis/analyzer.ts';
import { decodeFrames } from '../src/media/frames.ts';
import { cropImage } from '../src/media/image.ts';
import type { TrackResult } from '../src/analysis/result.ts';
import { pearson, personCountAt } from '../test/support/person-counts.ts';
import { readTsv } from '../test/support/shared.ts';

const shared = resolve(import.meta.dirname, '..', '..', 'shared', 'data');
const video = join(shared, 'video', 'opencv_vtest.avi');
const labels = readTsv(join(shared, 'labels', 'opencv_vtest.tsv')).map((row) => ({
  t: Number(row.time_s),
  count: Number(row.approx_person_count),
}));

/** Pixels from the border within which a track may start or end without suspicion. */
const BORDER = 40;

function awayFromBorder(box: number[], width: number, height: number): boolean {
  return box[0] > BORDER && box[1] > BORDER && box[2] < width - BORDER && box[3] < height - BORDER;
}

/** Crops per track on the contact sheet, evenly spread over its detections. */
const SHEET_COLUMNS = 6;
const CELL = { width: 48, height: 96 };

/**
 * A picture with one row per track and crops from its start to its end, so that ID switches
 * (a row showing two people) can be counted by eye.
 */
async function contactSheet(tracks: TrackResult[], path: string): Promise<Buffer> {
  const wanted = new Map<number, { row: number; column: number; box: number[] }[]>();
  tracks.forEach((track, row) => {
    for (let column = 0; column < SHEET_COLUMNS; column++) {
      const i = Math.round((column * (track.detections.length - 1)) / (SHEET_COLUMNS - 1));
      const { t, box } = track.detections[i];
      const key = Math.round(t * 1000);
      wanted.set(key, [...(wanted.get(key) ?? []), { row, column, box }]);
    }
  });
  const cells: sharp.OverlayOptions[] = [];
  for await (const frame of decodeFrames(path, { fps: result.analysisFps, facts: result.facts })) {
    for (const cell of wanted.get(Math.round(frame.t * 1000)) ?? []) {
      const box = cell.box.map((v) => v / frame.scale) as [number, number, number, number];
      const crop = cropImage(frame, box);
      const input = await sharp(crop.data, {
        raw: { width: crop.width, height: crop.height, channels: 3 },
      })
        .resize(CELL.width, CELL.height, { fit: 'fill' })
        .png()
        .toBuffer();
      cells.push({ input, left: cell.column * CELL.width, top: cell.row * CELL.height });
    }
  }
  return sharp({
    create: {
      width: SHEET_COLUMNS * CELL.width,
      height: tracks.length * CELL.height,
      channels: 3,
      background: '#fff',
    },
  })
    .composite(cells)
    .jpeg({ quality: 80 })
    .toBuffer();
}

const analyzer = await Analyzer.load();
const result = await analyzer.analyze(video);
await analyzer.close();

const { width, height, duration } = result.facts;
const frame = 1 / result.analysisFps;
const counted = labels.map((label) => personCountAt(result.tracks, label.t, frame / 2));
const within = labels.filter((label, i) => Math.abs(counted[i] - label.count) <= 1).length;
const r = pearson(
  counted,
  labels.map((label) => label.count),
);
const suspicious = (track: TrackResult) => ({
  startsMidFrame: track.start > frame && awayFromBorder(track.detections[0].box, width, height),
  endsMidFrame:
    track.end < duration - frame &&
    awayFromBorder(track.detections[track.detections.length - 1].box, width, height),
});
const events = result.tracks.map(suspicious);
const report = {
  date: new Date().toISOString(),
  video: 'opencv_vtest.avi',
  analysisFps: result.analysisFps,
  labelledSeconds: labels.length,
  withinOne: within,
  withinOneFraction: Number((within / labels.length).toFixed(3)),
  pearson: Number(r.toFixed(3)),
  tracks: result.tracks.length,
  tracksStartingMidFrame: events.filter((e) => e.startsMidFrame).length,
  tracksEndingMidFrame: events.filter((e) => e.endsMidFrame).length,
  perSecond: labels.map((label, i) => ({ t: label.t, labelled: label.count, counted: counted[i] })),
};
console.log(JSON.stringify(report, null, 2));

const out = resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'vtest-tracks.jpg'), await contactSheet(result.tracks, video));
writeFileSync(join(out, 'vtest-tracking.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  join(out, 'vtest-tracking.md'),
  [
    '# Person counts and tracks on vtest.avi',
    '',
    `Analysis at ${report.analysisFps} frames per second. A person counts at second t when a track spans t.`,
    '',
    `- Labelled seconds within ±1 of the hand count: ${within}/${labels.length} ` +
      `(${(100 * report.withinOneFraction).toFixed(1)}%)`,
    `- Pearson correlation of counts with the hand counts: ${report.pearson}`,
    `- Tracks: ${report.tracks} (the hand labels do not say how many different people walk by)`,
    `- Tracks starting away from the picture border: ${report.tracksStartingMidFrame}; ` +
      `ending away from it: ${report.tracksEndingMidFrame}.`,
    '  Each such event is an ID switch, a track broken by an occlusion, or someone passing behind',
    '  the lamp-post sign: an upper bound on ID switches, not a count of them.',
    '',
    '[vtest-tracks.jpg](vtest-tracks.jpg) shows each track (a row, track 1 at the top) from its',
    'start to its end; a row showing two different people is an ID switch.',
    '',
    '| second | hand count | counted |',
    '| --- | --- | --- |',
    ...report.perSecond.map((row) => `| ${row.t} | ${row.labelled} | ${row.counted} |`),
    '',
    'Rerun: `node bin/run.js bench/vtest-tracking.ts`.',
    '',
  ].join('\n'),
);

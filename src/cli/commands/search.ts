import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { GlimpseError } from '../../errors.ts';
import { Library } from '../../library/library.ts';
import type { Moment } from '../../search/moments.ts';
import type { PhotoFace } from '../../search/photo-faces.ts';
import { searchByPhoto, searchByTrack, type SearchAnswer } from '../../search/search.ts';
import { sharedSearchModels } from '../../search/search-models.ts';
import { parsePositiveInteger } from '../options.ts';

interface SearchCommandOptions {
  photo?: string;
  track?: TrackReference;
  face?: number;
  minScore?: number;
  limit?: number;
  json?: boolean;
  data?: string;
}

interface TrackReference {
  video: string;
  trackId: number;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('Find the moments a person appears in: from a photo, or like an existing track')
    .option('--photo <image>', 'photo of the person (a face, or the whole person)')
    .option('--track <video:track>', 'find more like this track, e.g. 3fa9c1:2', parseTrack)
    .option('--face <n>', 'which face of the photo to search for (0 = largest)', parseIndex)
    .option('--min-score <s>', 'least calibrated score, 0..1 (default per kind)', parseScore)
    .option('--limit <n>', 'at most this many moments', parsePositiveInteger)
    .option('--json', 'print the query and the moments as JSON')
    .option('--data <dir>', 'data directory (default: GLIMPSE_DATA or the per-user one)')
    .addHelpText(
      'after',
      '\nScores are calibrated: see bench/results/score-calibration.md for what they mean.',
    )
    .action(async (options: SearchCommandOptions) => {
      checkQueryChoice(options);
      const library = await Library.open({ dataDir: options.data && resolve(options.data) });
      try {
        const answer = await runSearch(library, options);
        if (answer.moments.length === 0) await warnWhenEmpty(library);
        process.stdout.write(
          options.json ? `${JSON.stringify(answer, null, 2)}\n` : describeAnswer(answer, options),
        );
      } finally {
        await sharedSearchModels().release();
        await library.close();
      }
    });
}

function runSearch(library: Library, options: SearchCommandOptions): Promise<SearchAnswer> {
  const common = { minScore: options.minScore, limit: options.limit, requester: cliRequester() };
  if (options.track) {
    const { video, trackId } = options.track;
    return searchByTrack(library, { ...common, videoId: video, trackId });
  }
  return searchByPhoto(library, { ...common, photo: resolve(options.photo!), face: options.face });
}

/** Who searches from the command line, for the audit record: the account running it. */
function cliRequester(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function warnWhenEmpty(library: Library): Promise<void> {
  const videos = await library.listVideos();
  if (videos.some((video) => video.status === 'done')) return;
  process.stderr.write(
    `glimpse: the library in ${library.dataDir} has no analysed video yet; ` +
      'add videos with `glimpse ingest <folder>`.\n',
  );
}

function checkQueryChoice(options: SearchCommandOptions): void {
  if (Boolean(options.photo) === Boolean(options.track)) {
    throw new GlimpseError('Search needs exactly one query: --photo or --track.', {
      code: 'BAD_QUERY',
      hint: 'e.g. `glimpse search --photo me.jpg` or `glimpse search --track 3fa9c1:2`.',
    });
  }
  if (options.track && options.face !== undefined) {
    throw new GlimpseError('--face picks a face of a --photo; it does not go with --track.', {
      code: 'BAD_QUERY',
    });
  }
}

function parseTrack(value: string): TrackReference {
  const at = value.lastIndexOf(':');
  const trackId = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(trackId) || trackId <= 0) {
    throw new InvalidArgumentError(`expected <video>:<track>, e.g. 3fa9c1:2, got "${value}"`);
  }
  return { video: value.slice(0, at), trackId };
}

function parseIndex(value: string): number {
  const index = Number(value);
  if (!Number.isInteger(index) || index < 0) {
    throw new InvalidArgumentError(`expected a face number 0, 1, 2…, got "${value}"`);
  }
  return index;
}

function parseScore(value: string): number {
  const score = Number(value);
  if (!Number.isFinite(score) || score < 0 || score > 1) {
    throw new InvalidArgumentError(`expected a score from 0 to 1, got "${value}"`);
  }
  return score;
}

function describeAnswer(answer: SearchAnswer, options: SearchCommandOptions): string {
  const { query, moments } = answer;
  const lines: string[] = [];
  if (query.faces.length > 1) {
    lines.push(`${query.faces.length} faces in ${options.photo}:`);
    lines.push(...query.faces.map((face) => describeFace(face, query.chosenFace)));
  }
  if (query.note) lines.push(query.note);
  const kind = `${query.kind} search`;
  if (moments.length === 0) {
    lines.push(`No moment at score ≥ ${query.minScore} (${kind}).`);
    if (query.minScore > 0) lines.push('A lower --min-score shows less certain ones.');
  } else {
    const found = moments.length === 1 ? '1 moment' : `${moments.length} moments`;
    lines.push(`${found} at score ≥ ${query.minScore} (${kind}), best first:`);
    lines.push(...moments.map(describeMoment));
  }
  return `${lines.join('\n')}\n`;
}

function describeFace(face: PhotoFace, chosen: number | undefined): string {
  const [x1, y1] = face.box.map(Math.round);
  const mark = face.index === chosen ? '  ← searched' : face.usable ? '' : '  (too small)';
  return `  face ${face.index}: at ${x1},${y1}, ${face.size} px tall${mark}`;
}

function describeMoment(moment: Moment): string {
  return (
    `  ${moment.score.toFixed(3)}  ${moment.videoPath}  ` +
    `${clock(moment.start)}–${clock(moment.end)}  track ${moment.trackId}\n` +
    `         thumbnail ${moment.thumbnail}`
  );
}

/** Seconds as m:ss.s, the way a player shows a position. */
function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

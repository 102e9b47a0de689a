import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../../src/media/probe.ts';
import { buildFaceVideo } from '../fixtures/videos.ts';
import { sharedData } from '../support/shared.ts';
import { hugeBlackPng } from './huge-png.ts';
import { makeTestVideo } from './make-video.ts';
import { filesBelow, startServer, type RunningServer } from './server-harness.ts';
import {
  createUpload,
  patchThenDrop,
  patchUpload,
  uploadOffset,
  uploadWhole,
} from './tus-requests.ts';

const maxUploadBytes = 2 * 1024 * 1024;
const maxPhotoBytes = 1024 * 1024;

let server: RunningServer;
let video: Uint8Array;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  // Uploads are checked and queued here; analysing them is the library's tests' business.
  server = await startServer({ maxUploadBytes, maxPhotoBytes, analyseUploads: false });
  const path = await makeTestVideo(join(server.dataDir, 'pattern.mp4'), 4);
  video = new Uint8Array(await readFile(path));
  await rm(path);
});

afterAll(async () => {
  await server?.close();
});

async function leftovers() {
  return {
    uploads: await filesBelow(join(server.dataDir, 'uploads')),
    videos: await filesBelow(join(server.dataDir, 'videos')),
    catalog: (await server.library.listVideos()).length,
    jobs: (await server.library.jobs.list()).length,
  };
}

describe('uploads', () => {
  it('should resume an interrupted upload and store the exact bytes', async () => {
    const created = await createUpload(server.baseUrl, 'resumed pattern.mp4', video.length);
    expect(created.response.status).toBe(201);
    const url = created.url!;

    await patchThenDrop(url, 0, video, Math.floor(video.length / 2));
    const offset = await waitFor(async () => {
      const value = await uploadOffset(url).catch(() => undefined);
      return value !== undefined && value > 0 ? value : undefined;
    });
    expect(offset).toBeLessThan(video.length);

    const finished = await patchUpload(url, offset, video.subarray(offset));
    expect(finished.status).toBe(200);
    const answer = await finished.json();
    expect(answer.video.id).toBe(sha256(video));
    expect(answer.job.state).toBe('queued');

    const stored = await readFile(
      join(server.dataDir, 'videos', answer.video.id, 'resumed pattern.mp4'),
    );
    expect(sha256(stored)).toBe(sha256(video));
    expect(await filesBelow(join(server.dataDir, 'uploads'))).toEqual([]);
  });

  it('should reject an upload larger than the limit with a JSON error and keep nothing', async () => {
    const before = await leftovers();
    const created = await createUpload(server.baseUrl, 'huge.mp4', maxUploadBytes + 1);

    expect(created.response.status).toBe(413);
    const body = await created.response.json();
    expect(body.error.code).toBe('UPLOAD_TOO_LARGE');
    expect(body.error.hint).toMatch(/smaller/);
    expect(await leftovers()).toEqual(before);
  });

  it('should reject a text file named .mp4 after upload with a JSON error and keep nothing', async () => {
    const before = await leftovers();
    const text = new TextEncoder().encode('These are notes, not a video.\n'.repeat(100));

    const response = await uploadWhole(server.baseUrl, 'notes.mp4', text);
    expect(response.status).toBe(415);
    const body = await response.json();
    expect(body.error.code).toBe('NOT_A_VIDEO');
    expect(body.error.message).toContain('notes.mp4');
    expect(body.error.hint).toBeTruthy();
    expect(await leftovers()).toEqual(before);
  });

  it('should keep one copy and one job when the same video is uploaded twice at once', async () => {
    const path = await makeTestVideo(join(server.dataDir, 'twice.mp4'), 3);
    const bytes = new Uint8Array(await readFile(path));
    await rm(path);

    const [first, second] = await Promise.all([
      uploadWhole(server.baseUrl, 'first name.mp4', bytes),
      uploadWhole(server.baseUrl, 'second name.mp4', bytes),
    ]);
    const answers = [await first.json(), await second.json()];

    expect(answers.map((answer) => answer.video.id)).toEqual([sha256(bytes), sha256(bytes)]);
    expect(answers[0].job.id).toBe(answers[1].job.id);
    expect(await filesBelow(join(server.dataDir, 'videos', sha256(bytes)))).toHaveLength(1);
    expect(await filesBelow(join(server.dataDir, 'uploads'))).toEqual([]);
  });

  it('should delete a video still queued for analysis, cancelling its job', async () => {
    const before = await leftovers();
    const path = await makeTestVideo(join(server.dataDir, 'queued.mp4'), 5);
    const bytes = new Uint8Array(await readFile(path));
    await rm(path);
    const { video: queued } = await (await uploadWhole(server.baseUrl, 'queued.mp4', bytes)).json();
    const listed = async () => (await (await fetch(`${server.baseUrl}/api/videos`)).json()).videos;
    expect(await listed()).toContainEqual(
      expect.objectContaining({ id: queued.id, status: 'queued' }),
    );

    const response = await fetch(`${server.baseUrl}/api/videos/${queued.id}`, { method: 'DELETE' });

    expect(response.status).toBe(204);
    expect(await leftovers()).toEqual(before);
    expect((await listed()).map((video: { id: string }) => video.id)).not.toContain(queued.id);
    const again = await fetch(`${server.baseUrl}/api/videos/${queued.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('should refuse a file without a video extension before storing any byte', async () => {
    const before = await leftovers();
    const created = await createUpload(server.baseUrl, 'notes.txt', 100);

    expect(created.response.status).toBe(415);
    expect((await created.response.json()).error.code).toBe('NOT_A_VIDEO');
    expect(await leftovers()).toEqual(before);
  });
});

describe('job events', () => {
  it('should push a queued job to the event stream when an upload is accepted', async () => {
    const stop = new AbortController();
    const response = await fetch(`${server.baseUrl}/api/events`, { signal: stop.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();

    const path = await makeTestVideo(join(server.dataDir, 'events.mp4'), 2);
    const answer = await (
      await uploadWhole(server.baseUrl, 'events.mp4', await readFile(path))
    ).json();
    let stream = '';
    while (!stream.includes(answer.video.id)) stream += (await reader.read()).value ?? '';
    stop.abort();

    const event = stream.split('\n\n').find((block) => block.includes(answer.video.id))!;
    expect(event).toMatch(/^event: job\ndata: /);
    const job = JSON.parse(event.split('data: ')[1]);
    expect(job).toMatchObject({
      videoId: answer.video.id,
      state: 'queued',
      videoName: 'events.mp4',
    });
  });
});

describe('an analysed video', () => {
  const base = () => `${server.baseUrl}/api/videos/${videoId}`;
  let videoId: string;
  let file: Uint8Array;

  // Uploaded, then analysed. Penny is shown twice, seconds apart, with Sheldon between, so
  // "find more like this" has a track to find.
  beforeAll(async () => {
    const path = join(server.dataDir, 'penny twice.mp4');
    const segments = [
      { photo: sharedData('faces', 'bbt_penny', 'faceapijs__penny1.png'), start: 0.5, end: 2.5 },
      { photo: sharedData('faces', 'bbt_sheldon', 'faceapijs__sheldon1.png'), start: 5, end: 7 },
      { photo: sharedData('faces', 'bbt_penny', 'faceapijs__penny3.png'), start: 9.5, end: 11.5 },
    ];
    await buildFaceVideo({ output: path, segments, duration: 12 });
    file = new Uint8Array(await readFile(path));
    await rm(path);
    const uploaded = await uploadWhole(server.baseUrl, 'penny twice.mp4', file);
    videoId = (await uploaded.json()).video.id;
    await server.library.processQueue({ jobs: 1 });
  });

  const get = (range?: string) =>
    fetch(`${base()}/file`, { headers: range ? { Range: range } : {} });

  it('should answer a plain request with the whole file and Accept-Ranges', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(file));
  });

  it('should answer a closed range with 206 and exactly those bytes', async () => {
    const response = await get('bytes=100-299');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-299/${file.length}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.subarray(100, 300));
  });

  it('should answer an open-ended range up to the end of the file', async () => {
    const start = file.length - 1000;
    const response = await get(`bytes=${start}-`);
    expect(response.status).toBe(206);
    const range = `bytes ${start}-${file.length - 1}/${file.length}`;
    expect(response.headers.get('content-range')).toBe(range);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.subarray(start));
  });

  it('should answer a suffix range with the last bytes', async () => {
    const response = await get('bytes=-500');
    expect(response.status).toBe(206);
    const last = file.subarray(file.length - 500);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(last);
  });

  it('should answer 416 with the file size for a range past the end', async () => {
    const response = await get(`bytes=${file.length + 10}-${file.length + 20}`);
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${file.length}`);
    expect((await response.json()).error.code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('should say where the file was when it is no longer there', async () => {
    const stored = join(server.dataDir, 'videos', videoId, 'penny twice.mp4');
    await rename(stored, `${stored}.away`);
    try {
      const response = await get();
      expect(response.status).toBe(404);
      const { error } = await response.json();
      expect(error.code).toBe('VIDEO_FILE_MISSING');
      expect(error.message).toContain(stored);
    } finally {
      await rename(`${stored}.away`, stored);
    }
  });

  it('should give the video with one track per shown photo and their thumbnails', async () => {
    const answer = await (await fetch(base())).json();
    expect(answer.video.status).toBe('done');
    expect(answer.video.name).toBe('penny twice.mp4');
    expect(answer.tracks).toHaveLength(3);

    const thumbnail = await fetch(`${server.baseUrl}${answer.tracks[0].thumbnail}`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
  });

  it('should cut a clip once, cache it and serve it as a download', async () => {
    const url = `${base()}/clip?start=1&end=2.5`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const clipPath = join(server.dataDir, 'clips', videoId, 'clip.mp4');
    await writeFile(clipPath, new Uint8Array(await response.arrayBuffer()));
    expect((await probeVideo(clipPath)).duration).toBeCloseTo(1.5, 0);

    const cached = await filesBelow(join(server.dataDir, 'clips', videoId));
    expect(cached.filter((path) => !path.endsWith('clip.mp4'))).toHaveLength(1);
  });

  it('should answer requests for the same clip at once with the same complete file', async () => {
    const url = `${base()}/clip?start=4&end=8`;
    const responses = await Promise.all([fetch(url), fetch(url), fetch(url)]);
    const bodies = await Promise.all(
      responses.map(async (r) => sha256(new Uint8Array(await r.arrayBuffer()))),
    );

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(new Set(bodies).size).toBe(1);
    const cached = await filesBelow(join(server.dataDir, 'clips', videoId));
    const clip = cached.find((path) => path.endsWith('4.00-8.00.mp4'))!;
    expect((await probeVideo(clip)).duration).toBeCloseTo(4, 0);
    expect(cached.filter((path) => path.includes('4.00-8.00'))).toHaveLength(1);
  });

  it('should refuse a clip that ends before it starts', async () => {
    const response = await fetch(`${base()}/clip?start=3&end=2`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('BAD_CLIP_RANGE');
  });

  it('should find the other track of the same person from a track, and record the search', async () => {
    const response = await fetch(`${server.baseUrl}/api/search/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ videoId, trackId: 1 }),
    });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.moments[0]).toMatchObject({ videoId, trackId: 3 });
    expect(answer.moments[0].start).toBeCloseTo(9.5, 0);

    const [audit] = await server.library.catalog.listSearches({ limit: 1 });
    expect(audit).toMatchObject({ queryKind: 'track', chosenFace: `${videoId}:1` });
  });

  it('should find the person of a photo with the face found in it as a crop', async () => {
    const photo = await readFile(sharedData('faces', 'bbt_penny', 'faceapijs__penny4.png'));
    const response = await fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(photo),
    });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.faces).toHaveLength(1);
    expect(answer.faces[0].thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(answer.query).toMatchObject({ kind: 'face', faceIndex: 0 });
    const tracks = answer.moments.map((moment: { trackId: number }) => moment.trackId).sort();
    expect(tracks).toEqual([1, 3]);

    const [audit] = await server.library.catalog.listSearches({ limit: 1 });
    expect(audit).toMatchObject({ queryKind: 'photo', chosenFace: '0', resultCount: 2 });
    expect(audit.requester).toMatch(/^http:/);
  });

  it('should list every face of a group photo and search for the one picked', async () => {
    const photo = await readFile(sharedData('group_photos', 'faceapijs__bbt1.jpg'));
    const response = await fetch(`${server.baseUrl}/api/search?face=1`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(photo),
    });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.faces.length).toBeGreaterThan(1);
    expect(answer.query.faceIndex).toBe(1);
    expect(answer.query.note).toContain('face 1');
  });

  it('should answer a new upload of the analysed video with it, keeping no second copy', async () => {
    const response = await uploadWhole(server.baseUrl, 'penny again.mp4', file);
    expect(response.status).toBe(200);
    const answer = await response.json();

    expect(answer.video).toMatchObject({ id: videoId, name: 'penny twice.mp4' });
    expect(await filesBelow(join(server.dataDir, 'videos', videoId))).toHaveLength(1);
    expect(await filesBelow(join(server.dataDir, 'uploads'))).toEqual([]);
  });

  it('should delete the video with its stored file, and forget it', async () => {
    const response = await fetch(base(), { method: 'DELETE' });
    expect(response.status).toBe(204);

    expect((await fetch(base())).status).toBe(404);
    expect(await filesBelow(join(server.dataDir, 'clips', videoId))).toEqual([]);
    expect(await filesBelow(join(server.dataDir, 'thumbnails', videoId))).toEqual([]);
    expect(await filesBelow(join(server.dataDir, 'videos', videoId))).toEqual([]);
  });
});

describe('search', () => {
  it('should answer a photo without any person with a 400 JSON error', async () => {
    const landscape = await sharp({
      create: { width: 640, height: 360, channels: 3, background: { r: 90, g: 140, b: 200 } },
    })
      .composite([
        {
          input: {
            create: { width: 640, height: 120, channels: 3, background: { r: 60, g: 120, b: 50 } },
          },
          top: 240,
          left: 0,
        },
      ])
      .jpeg()
      .toBuffer();

    const response = await fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(landscape),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.message).toMatch(/face|person/i);
    expect(body.error.hint).toBeTruthy();
  });

  it('should refuse a photo over the size limit with a 413 JSON error', async () => {
    const response = await fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(maxPhotoBytes + 1),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('PHOTO_TOO_LARGE');
  });

  it('should refuse a small file that decodes to more pixels than Glimpse reads', async () => {
    const response = await fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(hugeBlackPng(20_000, 20_000)),
    });
    expect(response.status).toBe(413);
    const { error } = await response.json();
    expect(error.code).toBe('PHOTO_TOO_LARGE');
    expect(error.message).toContain('20000×20000');
  });

  it('should answer a body that is not an image with a 415 JSON error', async () => {
    const response = await fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: 'not a photo',
    });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('NOT_AN_IMAGE');
  });
});

describe('openapi.json', () => {
  it('should describe the API routes as an OpenAPI 3 document', async () => {
    const response = await fetch(`${server.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Glimpse API');
    for (const path of [
      '/api/videos',
      '/api/videos/{videoId}/file',
      '/api/uploads',
      '/api/search',
      '/api/events',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });

  it('should answer a malformed id with an error naming the parameter and a hint', async () => {
    const response = await fetch(`${server.baseUrl}/api/videos/not-an-id`);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.message).toContain('videoId');
    expect(error.hint).toContain('/openapi.json');
  });

  it('should refuse a track query body far longer than a track query', async () => {
    const response = await fetch(`${server.baseUrl}/api/search/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ videoId: 'a'.repeat(64), trackId: 1, pad: 'x'.repeat(100_000) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('BODY_TOO_LARGE');
  });

  it('should answer an unknown route with a JSON error', async () => {
    const response = await fetch(`${server.baseUrl}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });
});

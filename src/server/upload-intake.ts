import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Library } from '../library/library.ts';
import { createLogger } from '../logger.ts';
import { probeVideo } from '../media/probe.ts';
import { dataLayout } from './data-layout.ts';
import { HttpError } from './error-body.ts';
import { videoExtensions, type ServerContext } from './server-options.ts';

const log = createLogger('UploadIntake');

/** What the client learns about an accepted upload: the video and its analysis job. */
export interface AcceptedUpload {
  video: { id: string; name: string; sizeBytes: number; duration: number };
  job: { id: number; state: 'queued' | 'analysing' | 'done' | 'failed'; fraction: number };
}

export interface FinishedUpload {
  id: string;
  fileName: string;
}

/** Rejects a file name whose extension is not a video's, before any byte is stored. */
export function checkVideoName(fileName: string): void {
  const extension = extname(fileName).toLowerCase();
  if ((videoExtensions as readonly string[]).includes(extension)) return;
  throw new HttpError(
    415,
    'NOT_A_VIDEO',
    `"${fileName}" is not a video file Glimpse reads (extension "${extension || 'none'}").`,
    `Upload videos ending in ${videoExtensions.join(', ')}.`,
  );
}

/** A file name safe to keep on disk: no folders, no control characters. */
export function safeFileName(fileName: string): string {
  const printable = [...basename(fileName.replaceAll('\\', '/'))]
    .filter((character) => character.charCodeAt(0) >= 0x20)
    .join('');
  const cleaned = printable.replace(/[<>:"|?*]/g, '_').trim();
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : 'video';
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Deletes an upload's file and its tus metadata, so a rejected upload leaves nothing. */
export async function discardUpload(uploadsDir: string, uploadId: string): Promise<void> {
  await rm(join(uploadsDir, uploadId), { force: true });
  await rm(join(uploadsDir, `${uploadId}.json`), { force: true });
}

async function probeOrReject(path: string, fileName: string): Promise<number> {
  try {
    const facts = await probeVideo(path);
    if (facts.duration > 0) return facts.duration;
  } catch (error) {
    log.info({ err: error }, `Upload "${fileName}" is not a readable video`);
  }
  throw new HttpError(
    415,
    'NOT_A_VIDEO',
    `"${fileName}" is not a video ffprobe can read, so Glimpse cannot analyse it.`,
    'Check that the file plays in a video player, or convert it to MP4 (H.264) and upload it again.',
  );
}

/** One store per video at a time, so two uploads of the same content keep one copy. */
const storesInProgress = new Map<string, Promise<string>>();

async function oneStoreAtATime(folder: string, store: () => Promise<string>): Promise<string> {
  const previous = storesInProgress.get(folder) ?? Promise.resolve('');
  const next = previous.catch(() => '').then(store);
  storesInProgress.set(folder, next);
  try {
    return await next;
  } finally {
    if (storesInProgress.get(folder) === next) storesInProgress.delete(folder);
  }
}

/** Where the library already keeps this video: its catalog path, or an earlier upload's copy. */
async function storedCopy(library: Library, folder: string, hash: string) {
  const known = await library.getVideo(hash);
  if (known && (await stat(known.path).catch(() => undefined))) return known.path;
  const earlier = await readdir(folder).catch(() => []);
  return earlier.length > 0 ? join(folder, earlier[0]) : undefined;
}

interface StoreVideoOptions {
  library: Library;
  uploadPath: string;
  videosDir: string;
  hash: string;
  name: string;
}

/** Moves the checked file to videos/<hash>/<name>, unless the video is kept already. */
async function storeVideo(options: StoreVideoOptions): Promise<string> {
  const folder = join(options.videosDir, options.hash);
  return oneStoreAtATime(folder, async () => {
    const existing = await storedCopy(options.library, folder, options.hash);
    if (existing) {
      await rm(options.uploadPath, { force: true });
      return existing;
    }
    await mkdir(folder, { recursive: true });
    const target = join(folder, options.name);
    await rename(options.uploadPath, target);
    return target;
  });
}

/**
 * Checks a finished upload (extension, then ffprobe), keeps it under the data directory by
 * content hash and queues its analysis. A rejected upload is deleted before the error is thrown.
 */
export async function acceptUpload(
  context: ServerContext,
  upload: FinishedUpload,
): Promise<AcceptedUpload> {
  const layout = dataLayout(context.dataDir);
  const uploadPath = join(layout.uploads, upload.id);
  const name = safeFileName(upload.fileName);
  let duration: number;
  try {
    checkVideoName(name);
    duration = await probeOrReject(uploadPath, name);
  } catch (error) {
    await discardUpload(layout.uploads, upload.id);
    throw error;
  }

  const { size } = await stat(uploadPath);
  const hash = await sha256OfFile(uploadPath);
  const path = await storeVideo({
    library: context.library,
    uploadPath,
    videosDir: layout.videos,
    hash,
    name,
  });
  await rm(join(layout.uploads, `${upload.id}.json`), { force: true });
  const [job] = await context.library.enqueue([path]);
  log.info(
    `Accepted upload "${name}" as video ${hash.slice(0, 12)} (${size} bytes, kept as ${path}), job ${job.id}`,
  );
  if (context.analyseUploads) startAnalysis(context.library);
  return {
    video: { id: hash, name: basename(path), sizeBytes: size, duration },
    job: { id: job.id, state: job.state === 'running' ? 'analysing' : 'queued', fraction: 0 },
  };
}

/** Starts the library's workers; a call while they run joins the running pass. */
export function startAnalysis(library: Library): void {
  library.processQueue().then(
    (summary) => {
      if (summary.outcomes.length === 0) return;
      const { done, skipped, failed } = summary;
      log.info(`Analysis pass ended: ${done} done, ${skipped} already analysed, ${failed} failed`);
    },
    (error: unknown) => log.error({ err: error }, 'Analysis pass failed'),
  );
}

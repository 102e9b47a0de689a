import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GlimpseError } from '../../errors.ts';
import { createLogger } from '../../logger.ts';
import { DownloadFailure, downloadVerified } from './download-file.ts';
import { modelCacheDir, searchModel } from './locate.ts';
import { describeDownload, findModel, MODELS, type ModelSpec } from './manifest.ts';

const log = createLogger('ModelPull');

/** A download is abandoned when no data arrived for this long. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

export interface PullProgress {
  id: string;
  received: number;
  total: number;
}

export type PullOptions = {
  /** Models to fetch; the default model of every task when absent. */
  ids?: string[];
  /**
   * Fetch `<urlBase>/<file>` instead of each model's own URL, for a mirror on a local network
   * (and tests). Falls back to $GLIMPSE_MODELS_URL_BASE.
   */
  urlBase?: string;
  stallTimeoutMs?: number;
  onProgress?: (progress: PullProgress) => void;
};

export type PullStatus = 'downloaded' | 'present' | 'failed';

export interface PullResult {
  id: string;
  file: string;
  status: PullStatus;
  /** The verified file, when present or downloaded. */
  path?: string;
  url?: string;
  error?: GlimpseError;
}

/**
 * Downloads the models that have no verified file on this machine into the user cache, one
 * by one. A failure is reported in its result, never thrown, so one bad URL spares the rest.
 */
export async function pullModels(options: PullOptions = {}): Promise<PullResult[]> {
  const models = modelsToPull(options.ids);
  const results: PullResult[] = [];
  for (const model of models) results.push(await pullModel(model, options));
  return results;
}

function modelsToPull(ids: string[] | undefined): ModelSpec[] {
  if (!ids?.length) return MODELS.filter((model) => model.isDefault);

  return ids.map((id) => {
    const model = findModel(id);
    if (model) return model;
    throw new GlimpseError(`There is no model named "${id}".`, {
      hint: `Choose from: ${MODELS.map((m) => m.id).join(', ')}.`,
      code: 'MODEL_UNKNOWN',
    });
  });
}

async function pullModel(model: ModelSpec, options: PullOptions): Promise<PullResult> {
  const { id, file } = model;
  const found = await searchModel(model);
  if (found.status === 'present') return { id, file, status: 'present', path: found.path };

  const dir = modelCacheDir();
  const url = modelUrl(model, options.urlBase ?? process.env.GLIMPSE_MODELS_URL_BASE);
  if (!url) return { id, file, status: 'failed', error: noUrlError(model, dir) };

  const dest = join(dir, file);
  const started = performance.now();
  try {
    await mkdir(dir, { recursive: true });
    await downloadVerified({
      url,
      dest,
      sizeBytes: model.sizeBytes,
      sha256: model.sha256,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      onProgress: (received, total) => options.onProgress?.({ id, received, total }),
    });
  } catch (error) {
    if (!(error instanceof DownloadFailure)) throw error;
    log.debug(`Could not download model ${id} from ${url}: ${error.message}`);
    return { id, file, status: 'failed', url, error: downloadError(model, url, dir, error) };
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  log.debug(`Downloaded model ${id} (${model.sizeBytes} bytes) to ${dest} in ${seconds} s`);
  return { id, file, status: 'downloaded', path: dest, url };
}

/** The URL a model is fetched from, or undefined when it cannot be fetched as one file. */
export function modelUrl(model: ModelSpec, urlBase?: string): string | undefined {
  if (urlBase) return `${urlBase.replace(/\/+$/, '')}/${model.file}`;
  return model.download.kind === 'url' ? model.download.url : undefined;
}

function downloadError(
  model: ModelSpec,
  url: string,
  dir: string,
  failure: DownloadFailure,
): GlimpseError {
  return new GlimpseError(`Could not download ${model.file} from ${url}: ${failure.message}.`, {
    code: 'MODEL_DOWNLOAD_FAILED',
    cause: failure,
    hint:
      `Nothing was saved. Run \`glimpse models pull\` again when online, or fetch the file ` +
      `on a machine with internet and put it, named ${model.file}, in ${dir}.`,
  });
}

function noUrlError(model: ModelSpec, dir: string): GlimpseError {
  return new GlimpseError(`${model.file} cannot be downloaded as a single file.`, {
    code: 'MODEL_MANUAL_DOWNLOAD',
    hint: `${describeDownload(model)}, then put it in ${dir}.`,
  });
}

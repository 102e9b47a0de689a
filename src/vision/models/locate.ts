import { join } from 'node:path';
import { modelSearchDirs, userCacheDir } from '../../config/paths.ts';
import { GlimpseError } from '../../errors.ts';
import {
  describeDownload,
  MODELS,
  selectModel,
  type ModelSpec,
  type ModelTask,
} from './manifest.ts';
import { checkModelFile } from './verify.ts';

export type ModelFileStatus = 'present' | 'missing' | 'checksum mismatch';

export interface ModelStatus {
  id: string;
  task: ModelTask;
  file: string;
  licence: string;
  isDefault: boolean;
  status: ModelFileStatus;
  /** The verified file when present, the damaged one on a checksum mismatch. */
  path?: string;
}

export interface ModelSearch {
  status: ModelFileStatus;
  path?: string;
  /** The directories looked in, in order. */
  dirs: string[];
}

/** Looks through the model directories in order; the first verified copy wins. */
export async function searchModel(model: ModelSpec): Promise<ModelSearch> {
  const dirs = modelSearchDirs();
  let damaged: string | undefined;

  for (const dir of dirs) {
    const path = join(dir, model.file);
    const check = await checkModelFile(path, model);
    if (check.kind === 'verified') return { status: 'present', path, dirs };
    if (check.kind === 'mismatch') damaged ??= path;
  }

  if (damaged) return { status: 'checksum mismatch', path: damaged, dirs };
  return { status: 'missing', dirs };
}

/** The directory `glimpse models pull` downloads into. */
export function modelCacheDir(): string {
  return join(userCacheDir(), 'models');
}

function missingError(model: ModelSpec, dirs: string[]): GlimpseError {
  return new GlimpseError(
    `The ${model.task} model file ${model.file} was not found in ${dirs.join(' or ')}.`,
    {
      code: 'MODEL_MISSING',
      hint:
        `${pullAdvice(model)} the file named ${model.file} in ${modelCacheDir()} ` +
        `(or in a directory named by GLIMPSE_MODELS). ${describeDownload(model)}.`,
    },
  );
}

function pullAdvice(model: ModelSpec): string {
  if (model.download.kind !== 'url') return 'Put';
  const command = model.isDefault ? 'glimpse models pull' : `glimpse models pull ${model.id}`;
  return `Run \`${command}\` to download it, or put`;
}

function mismatchError(model: ModelSpec, path: string): GlimpseError {
  return new GlimpseError(
    `The ${model.task} model file ${path} does not match its checksum ` +
      `(expected ${model.sizeBytes} bytes with sha256 ${model.sha256}).`,
    {
      code: 'MODEL_CHECKSUM_MISMATCH',
      hint:
        `The file is damaged or a different version. Delete it and run \`glimpse models pull\`, ` +
        `or replace it with the right file. ${describeDownload(model)}.`,
    },
  );
}

/**
 * The path of a verified model file for a task: the task's default model, or the one named by
 * `id`. Throws a GlimpseError saying what to do when the file is missing or damaged.
 */
export async function locateModel(task: ModelTask, options: { id?: string } = {}): Promise<string> {
  const model = selectModel(task, options.id);
  const found = await searchModel(model);

  if (found.status === 'present' && found.path) return found.path;
  if (found.status === 'checksum mismatch' && found.path) throw mismatchError(model, found.path);
  throw missingError(model, found.dirs);
}

/** Every model of the manifest, with whether a verified file for it is on this machine. */
export async function modelStatuses(): Promise<ModelStatus[]> {
  const statuses: ModelStatus[] = [];
  for (const model of MODELS) {
    const { status, path } = await searchModel(model);
    const { id, task, file, licence, isDefault } = model;
    statuses.push({ id, task, file, licence, isDefault, status, ...(path ? { path } : {}) });
  }
  return statuses;
}

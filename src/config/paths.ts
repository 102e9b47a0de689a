import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The per-user directory for data that can be rebuilt or re-downloaded (models). */
export function userCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'glimpse');
}

/** The per-user directory for the library: catalog, vector indexes, thumbnails, clips. */
export function defaultDataDir(): string {
  if (process.env.GLIMPSE_DATA) return resolve(process.env.GLIMPSE_DATA);
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'glimpse');
}

/** Directories searched for model files, in order: $GLIMPSE_MODELS, then the user cache. */
export function modelSearchDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.GLIMPSE_MODELS) dirs.push(resolve(process.env.GLIMPSE_MODELS));
  dirs.push(join(userCacheDir(), 'models'));
  return dirs;
}

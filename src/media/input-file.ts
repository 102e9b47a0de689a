import { stat } from 'node:fs/promises';
import { GlimpseError } from '../errors.ts';

/** Fails with a message a user can act on unless `path` is a non-empty regular file. */
export async function assertNonEmptyFile(path: string, kind: 'video' | 'image'): Promise<void> {
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new GlimpseError(`${path} could not be opened (${error.code ?? error.message}).`, {
      code: 'FILE_NOT_FOUND',
      hint: `Check the path of the ${kind} and that this user may read it.`,
      cause: error,
    });
  });
  if (!stats.isFile()) {
    throw new GlimpseError(`${path} is not a file.`, {
      code: 'NOT_A_FILE',
      hint: `Give the path of one ${kind} file.`,
    });
  }
  if (stats.size === 0) {
    throw new GlimpseError(`${path} is empty (0 bytes).`, {
      code: 'EMPTY_FILE',
      hint: `The ${kind} was probably not copied or uploaded completely; copy it again.`,
    });
  }
}

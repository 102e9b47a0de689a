import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { GlimpseError } from '../errors.ts';

/** sha256 of a file's bytes, hex: the identity of a video. Reads the file as a stream. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(path), hash);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new GlimpseError(`${path} could not be read (${reason}).`, {
      code: 'FILE_NOT_READABLE',
      hint: 'Check the path and that this user may read the file.',
      cause: error,
    });
  }
  return hash.digest('hex');
}

import type { Command } from 'commander';
import { GlimpseError } from '../../errors.ts';
import { Library } from '../../library/library.ts';

/** A file queued but not analysed yet has no video row: its jobs are cancelled instead. */
async function deleteOrCancel(library: Library, reference: string): Promise<string> {
  try {
    const video = await library.resolveVideo(reference);
    await library.deleteVideo(video.id);
    return `Deleted ${video.id.slice(0, 12)} (${video.path}) and everything derived from it.`;
  } catch (error) {
    const notFound = error instanceof GlimpseError && error.code === 'VIDEO_NOT_FOUND';
    if (!notFound || (await library.cancelFile(reference)) === 0) throw error;
    return `Cancelled the analysis of ${reference}; it was not analysed yet.`;
  }
}

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description('Remove a video from the library with everything derived from it.')
    .argument('<video>', 'video id, id prefix (4+ characters) or path')
    .option('--data <dir>', 'data directory (default: $GLIMPSE_DATA, then the user data directory)')
    .action(async (reference: string, options: { data?: string }) => {
      const library = await Library.open({ dataDir: options.data });
      try {
        process.stdout.write(`${await deleteOrCancel(library, reference)}\n`);
      } finally {
        await library.close();
      }
    });
}

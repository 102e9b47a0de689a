import type { Command } from 'commander';
import { Library } from '../../library/library.ts';

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description('Remove a video from the library with everything derived from it.')
    .argument('<video>', 'video id, id prefix (4+ characters) or path')
    .option('--data <dir>', 'data directory (default: $GLIMPSE_DATA, then the user data directory)')
    .action(async (reference: string, options: { data?: string }) => {
      const library = await Library.open({ dataDir: options.data });
      try {
        const video = await library.resolveVideo(reference);
        await library.deleteVideo(video.id);
        process.stdout.write(
          `Deleted ${video.id.slice(0, 12)} (${video.path}) and everything derived from it.\n`,
        );
      } finally {
        await library.close();
      }
    });
}

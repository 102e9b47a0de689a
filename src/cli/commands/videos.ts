import type { Command } from 'commander';

export function registerVideos(program: Command): void {
  program
    .command('videos')
    .description('(not built yet)')
    .action(() => {
      throw new Error('glimpse videos is not built yet');
    });
}

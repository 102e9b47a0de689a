import type { Command } from 'commander';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('(not built yet)')
    .action(() => {
      throw new Error('glimpse search is not built yet');
    });
}

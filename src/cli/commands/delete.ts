import type { Command } from 'commander';

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description('(not built yet)')
    .action(() => {
      throw new Error('glimpse delete is not built yet');
    });
}

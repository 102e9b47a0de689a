import type { Command } from 'commander';

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('(not built yet)')
    .action(() => {
      throw new Error('glimpse models is not built yet');
    });
}

import type { Command } from 'commander';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('(not built yet)')
    .action(() => {
      throw new Error('glimpse analyze is not built yet');
    });
}
